/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's rand and environment (user/lib/rand.c, env.c),
 * the environment against glibc's. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

/* The SDK's, by the names test/host/user_names.h gives them. */
int vrm_errno;
extern char **vrm_environ;
int vrm_rand(void);
void vrm_srand(unsigned int seed);
int vrm_rand_r(unsigned int *seed);
char *vrm_getenv(const char *name);
int vrm_setenv(const char *name, const char *value, int overwrite);
int vrm_unsetenv(const char *name);

/* glibc's, to compare with. */
extern char **ref_environ __asm__("environ");
char *ref_getenv(const char *name) __asm__("getenv");
int ref_setenv(const char *name, const char *value, int overwrite) __asm__("setenv");
int ref_unsetenv(const char *name) __asm__("unsetenv");
int ref_clearenv(void) __asm__("clearenv");
int *ref_errno_location(void) __asm__("__errno_location");
void *ref_malloc(size_t size) __asm__("malloc");
void *ref_realloc(void *p, size_t size) __asm__("realloc");
void ref_free(void *p) __asm__("free");

/* The SDK's environment takes its memory from glibc. */
void *vrm_malloc(size_t size)
{
	return ref_malloc(size);
}

void *vrm_realloc(void *p, size_t size)
{
	return ref_realloc(p, size);
}

void vrm_free(void *p)
{
	ref_free(p);
}

#define RAND_MAX_SDK 32767

static void test_rand(void)
{
	/* The C standard's example generator from seed 1. */
	static const int seed1[] = { 16838, 5758, 10113, 17515, 31051, 5627, 23010, 7419 };
	struct tally t = { 0 };
	unsigned int state = 1;
	int first[64], buckets[16] = { 0 };

	for (size_t i = 0; i < sizeof(seed1) / sizeof(seed1[0]); i++)
		if (tally_fail(&t, vrm_rand() == seed1[i]))
			tally_diag(&t, "value %zu differs", i);
	tally_ok(&t, "rand before any srand gives the sequence of seed 1");

	t = (struct tally){ 0 };
	for (int round = 0; round < 200; round++) {
		unsigned int seed = (unsigned int)rng_next();

		vrm_srand(seed);
		for (int i = 0; i < 64; i++)
			first[i] = vrm_rand();
		state = seed;
		vrm_srand(seed);
		for (int i = 0; i < 64; i++) {
			int a = vrm_rand(), b = vrm_rand_r(&state);

			if (tally_fail(&t, a == first[i] && b == first[i] && a >= 0 &&
					       a <= RAND_MAX_SDK))
				tally_diag(&t, "seed %u, value %d: %d then %d, rand_r %d", seed, i,
					   first[i], a, b);
		}
	}
	tally_ok(&t, "a seed gives the same values in [0, RAND_MAX] again, from rand and rand_r");

	vrm_srand(12345);
	for (int i = 0; i < 160000; i++)
		buckets[vrm_rand() * 16 / (RAND_MAX_SDK + 1)]++;
	t = (struct tally){ 0 };
	for (int i = 0; i < 16; i++)
		if (tally_fail(&t, buckets[i] > 9500 && buckets[i] < 10500))
			tally_diag(&t, "bucket %d holds %d of 160000", i, buckets[i]);
	tally_ok(&t, "values spread evenly over 16 buckets");
}

static const char *const names[] = { "A", "B", "PATH", "HOME", "AB", "X1", "A_LONGER_NAME" };
static const char *const values[] = { "", "1", "two", "/bin:/usr/bin", "a=b", "=", "x y z" };
#define NNAMES (sizeof(names) / sizeof(names[0]))

/* Both environments have the same variables with the same values. */
static bool same_environment(struct tally *t, const char *after)
{
	size_t nref = 0, nsdk = 0;

	for (size_t i = 0; i < NNAMES; i++) {
		const char *want = ref_getenv(names[i]), *got = vrm_getenv(names[i]);

		if (tally_fail(t, tap_streq(got, want))) {
			tally_diag(t, "after %s: %s is %s%s%s, glibc has %s%s%s", after, names[i],
				   got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
				   want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
			return false;
		}
	}
	while (ref_environ && ref_environ[nref])
		nref++;
	while (vrm_environ && vrm_environ[nsdk])
		nsdk++;
	if (tally_fail(t, nref == nsdk)) {
		tally_diag(t, "after %s: %zu entries, glibc has %zu", after, nsdk, nref);
		return false;
	}
	return true;
}

static void test_environment(void)
{
	/* As crt0 leaves it: an array the library did not allocate. */
	static char a[] = "A=from the start", home[] = "HOME=/";
	char *initial[] = { a, home, NULL };
	struct tally t = { 0 };
	char what[160];

	ref_clearenv();
	ref_setenv("A", "from the start", 1);
	ref_setenv("HOME", "/", 1);
	vrm_environ = initial;
	is_str(vrm_getenv("A"), "from the start", "getenv reads crt0's environ");
	ok(vrm_getenv("") == NULL && vrm_getenv("HOM") == NULL && vrm_getenv("HOME=") == NULL,
	   "getenv finds no empty name, prefix, or name with '='");
	ok(vrm_setenv("X1", "v", 1) == 0 && ref_setenv("X1", "v", 1) == 0 &&
	   vrm_environ != initial && initial[2] == NULL && tap_streq(vrm_getenv("X1"), "v"),
	   "the first variable added copies environ; crt0's array keeps its end");

	for (int step = 0; step < 20000; step++) {
		const char *name = names[rng_below(NNAMES)];
		const char *value = values[rng_below(sizeof(values) / sizeof(values[0]))];
		int overwrite = (int)rng_below(2), want, got, want_errno = 0;

		*ref_errno_location() = 0;
		vrm_errno = 0;
		if (rng_one_in(3)) {
			ref_snprintf(what, sizeof(what), "unsetenv(\"%s\")", name);
			want = ref_unsetenv(name);
			got = vrm_unsetenv(name);
		} else {
			ref_snprintf(what, sizeof(what), "setenv(\"%s\", \"%s\", %d)", name, value,
				     overwrite);
			want = ref_setenv(name, value, overwrite);
			got = vrm_setenv(name, value, overwrite);
		}
		want_errno = want ? *ref_errno_location() : 0;
		if (tally_fail(&t, got == want && (got == 0 || vrm_errno == want_errno)))
			tally_diag(&t, "%s returned %d (errno %d), glibc %d (errno %d)", what, got,
				   vrm_errno, want, want_errno);
		if (!same_environment(&t, what))
			break;
	}
	tally_ok(&t, "setenv and unsetenv agree with glibc's over random steps");

	vrm_errno = 0;
	ok(vrm_setenv("", "x", 1) == -1 && vrm_errno == 22, "setenv of an empty name: EINVAL");
	vrm_errno = 0;
	ok(vrm_setenv("A=B", "x", 1) == -1 && vrm_errno == 22, "setenv of a name with '=': EINVAL");
	vrm_errno = 0;
	ok(vrm_setenv(NULL, "x", 1) == -1 && vrm_errno == 22, "setenv of NULL: EINVAL");
	vrm_errno = 0;
	ok(vrm_unsetenv("A=B") == -1 && vrm_errno == 22 && vrm_unsetenv("") == -1,
	   "unsetenv of a name with '=' or an empty one: EINVAL");
	ok(vrm_unsetenv("NOT_THERE") == 0, "unsetenv of a variable that is not set succeeds");

	vrm_environ = NULL;
	ok(vrm_getenv("A") == NULL && vrm_unsetenv("A") == 0, "an empty environ (NULL) has nothing");
	ok(vrm_setenv("A", "1", 0) == 0 && tap_streq(vrm_getenv("A"), "1") && vrm_environ[1] == NULL,
	   "setenv starts an environment from NULL");
	ok(vrm_setenv("A", "2", 0) == 0 && tap_streq(vrm_getenv("A"), "1"),
	   "setenv without overwrite keeps the value");
	ok(vrm_setenv("A", "3", 1) == 0 && tap_streq(vrm_getenv("A"), "3"),
	   "setenv with overwrite replaces it");
	ok(vrm_unsetenv("A") == 0 && vrm_getenv("A") == NULL && vrm_environ[0] == NULL,
	   "unsetenv removes it");
}

int main(void)
{
	rng_init();
	test_rand();
	test_environment();
	return done_testing();
}
