/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's signal sets and names, strtol, qsort and strings. */

#include <stdint.h>
#include <stddef.h>

#include <uapi/errno.h>
/* glibc has its own sigset_t; the SDK's is read under another name. */
#define sigset_t vrm_sigset_t
#include <uapi/signal.h>
#undef sigset_t

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

/* The SDK's functions, by the names test/host/user_names.h gives them. */
int vrm_errno;
int vrm_sigemptyset(vrm_sigset_t *set);
int vrm_sigfillset(vrm_sigset_t *set);
int vrm_sigaddset(vrm_sigset_t *set, int sig);
int vrm_sigdelset(vrm_sigset_t *set, int sig);
int vrm_sigismember(const vrm_sigset_t *set, int sig);
int vrm_sig2str(int sig, char *str);
int vrm_str2sig(const char *str, int *sig);
char *vrm_strsignal(int sig);
long vrm_strtol(const char *s, char **endptr, int base);
int vrm_atoi(const char *s);
void vrm_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
char *vrm_strcpy(char *dst, const char *src);
char *vrm_strncpy(char *dst, const char *src, size_t n);
char *vrm_strcat(char *dst, const char *src);
char *vrm_strncat(char *dst, const char *src, size_t n);
size_t vrm_strspn(const char *s, const char *accept);
size_t vrm_strcspn(const char *s, const char *reject);
char *vrm_strpbrk(const char *s, const char *accept);
char *vrm_strtok_r(char *s, const char *delim, char **save);
char *vrm_strdup(const char *s);
char *vrm_strndup(const char *s, size_t n);

/* glibc's, to compare with. */
long ref_strtol(const char *s, char **endptr, int base) __asm__("strtol");
int *ref_errno_location(void) __asm__("__errno_location");
size_t ref_strspn(const char *s, const char *accept) __asm__("strspn");
size_t ref_strcspn(const char *s, const char *reject) __asm__("strcspn");
char *ref_strncpy(char *dst, const char *src, size_t n) __asm__("strncpy");
void *ref_malloc(size_t size) __asm__("malloc");
void ref_free(void *p) __asm__("free");

/* strdup's memory comes from glibc. */
void *vrm_malloc(size_t size)
{
	return ref_malloc(size);
}

static void test_sigset(void)
{
	struct tally t = { 0 };
	vrm_sigset_t set;

	vrm_sigemptyset(&set);
	is_int(set.bits, 0, "sigemptyset clears every bit");
	for (int sig = 1; sig <= SIGMAX; sig++) {
		vrm_sigaddset(&set, sig);
		if (tally_fail(&t, vrm_sigismember(&set, sig) == 1 &&
				       set.bits == (2ul << (sig - 1)) - 1))
			tally_diag(&t, "after adding 1..%d: %#lx", sig, set.bits);
	}
	tally_ok(&t, "sigaddset sets bit n - 1 for signal n");
	vrm_sigfillset(&set);
	ok(set.bits == 0x7ffffffffffffffful, "sigfillset holds signals 1..63 (%#lx)", set.bits);
	vrm_sigdelset(&set, SIGRECONFIG);
	ok(vrm_sigismember(&set, SIGRECONFIG) == 0 && vrm_sigismember(&set, SIGSEGV) == 1 &&
	   set.bits == (0x7ffffffffffffffful & ~(1ul << 57)),
	   "sigdelset(SIGRECONFIG) clears bit 57 only");

	t = (struct tally){ 0 };
	for (int sig = -1; sig <= 64; sig += 65) {
		int invalid[3];

		vrm_errno = 0;
		invalid[0] = vrm_sigaddset(&set, sig) == -1 && vrm_errno == EINVAL;
		vrm_errno = 0;
		invalid[1] = vrm_sigdelset(&set, sig) == -1 && vrm_errno == EINVAL;
		vrm_errno = 0;
		invalid[2] = vrm_sigismember(&set, sig) == -1 && vrm_errno == EINVAL;
		if (tally_fail(&t, invalid[0] && invalid[1] && invalid[2]))
			tally_diag(&t, "signal %d accepted", sig);
	}
	vrm_errno = 0;
	ok(vrm_sigaddset(&set, 0) == -1 && vrm_errno == EINVAL, "signal 0: EINVAL");
	tally_ok(&t, "signals -1 and 64: EINVAL from add, del and ismember");
}

static void test_signames(void)
{
	struct tally t = { 0 };
	char name[16];	/* SIG2STR_MAX */
	int sig;

	for (int s = 1; s <= SIGMAX; s++) {
		int back = 0;

		if (tally_fail(&t, vrm_sig2str(s, name) == 0 && vrm_str2sig(name, &back) == 0 &&
				       back == s))
			tally_diag(&t, "signal %d: \"%s\" reads back as %d", s, name, back);
	}
	tally_ok(&t, "every signal's name reads back as its number");
	vrm_sig2str(SIGRECONFIG, name);
	is_str(name, "RECONFIG", "SIGRECONFIG is \"RECONFIG\"");
	vrm_sig2str(26, name);
	is_str(name, "26", "a number without a name prints as the number");
	ok(vrm_sig2str(0, name) == -1 && vrm_sig2str(64, name) == -1, "0 and 64 have no name");
	ok(vrm_str2sig("SIGKILL", &sig) == 0 && sig == SIGKILL, "str2sig takes a SIG prefix");
	ok(vrm_str2sig("15", &sig) == 0 && sig == SIGTERM, "and a number");
	ok(vrm_str2sig("64", &sig) == -1 && vrm_str2sig("bogus", &sig) == -1 &&
	   vrm_str2sig("", &sig) == -1 && vrm_str2sig("9x", &sig) == -1,
	   "but no other string");
	is_str(vrm_strsignal(SIGSEGV), "Segmentation fault", "strsignal(SIGSEGV)");
	is_str(vrm_strsignal(99), "Unknown signal 99", "strsignal of an unknown signal");
}

static void test_strtol(void)
{
	static const char *const inputs[] = {
		"0", "42", "-42", "  +7x", "0x1f", "-0x1f", "077", "0x", "0xg", "1e5",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "99999999999999999999999", "", "  ", "-", "- 5",
		"+-5", "--5", "abc", "zz", "\t\n 12", "-0",
	};
	static const int bases[] = { 0, 8, 10, 16, 36 };
	struct tally t = { 0 };

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
			const char *s = inputs[i];
			char *end, *ref_end;
			long got, want;
			int err, ref_err;

			vrm_errno = 0;
			got = vrm_strtol(s, &end, bases[b]);
			err = vrm_errno;
			*ref_errno_location() = 0;
			want = ref_strtol(s, &ref_end, bases[b]);
			ref_err = *ref_errno_location() == 34 ? ERANGE : 0;
			if (tally_fail(&t, got == want && end == ref_end && err == ref_err))
				tally_diag(&t, "strtol(\"%s\", %d) = %ld end +%td errno %d; "
					   "glibc %ld end +%td errno %d", tap_escape(s), bases[b],
					   got, end - s, err, want, ref_end - s, ref_err);
		}
	tally_ok(&t, "strtol agrees with glibc: value, end and ERANGE");
	is_int(vrm_atoi("  -12abc"), -12, "atoi");
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct odd {
	unsigned char key;
	unsigned char pad[2];
};

static int cmp_odd(const void *a, const void *b)
{
	return ((const struct odd *)a)->key - ((const struct odd *)b)->key;
}

static void test_qsort(void)
{
	struct tally t = { 0 };
	static int v[300];
	static struct odd o[300];

	for (size_t n = 0; n <= 300; n += 1 + n / 4) {
		long sum = 0, sorted_sum = 0;
		bool order = true;

		for (size_t i = 0; i < n; i++) {
			v[i] = (int)rng_below(n / 2 + 1) - (int)(n / 4);
			sum += v[i];
		}
		vrm_qsort(v, n, sizeof(v[0]), cmp_int);
		for (size_t i = 0; i < n; i++) {
			sorted_sum += v[i];
			order = order && (i == 0 || v[i - 1] <= v[i]);
		}
		if (tally_fail(&t, order && sum == sorted_sum))
			tally_diag(&t, "%zu ints not sorted", n);

		for (size_t i = 0; i < n; i++)
			o[i] = (struct odd){ (unsigned char)rng_below(256), { 0xaa, 0x55 } };
		vrm_qsort(o, n, sizeof(o[0]), cmp_odd);
		order = true;
		for (size_t i = 0; i < n; i++)
			order = order && (i == 0 || o[i - 1].key <= o[i].key) &&
				o[i].pad[0] == 0xaa && o[i].pad[1] == 0x55;
		if (tally_fail(&t, order))
			tally_diag(&t, "%zu 3-byte elements not sorted", n);
	}
	tally_ok(&t, "qsort sorts ints and 3-byte elements, 0 to 300 of them");
}

static void test_strings(void)
{
	static const char *const sets[] = { "", "a", "abc", " \t", "xyz" };
	static const char *const texts[] = { "", "abcabc", "  \tword", "zzz", "cab xyz" };
	struct tally t = { 0 };
	char buf[32], ref[32], *save, *tok;

	for (size_t i = 0; i < 5; i++)
		for (size_t j = 0; j < 5; j++) {
			const char *s = texts[i], *set = sets[j];
			const char *pb = vrm_strpbrk(s, set);
			size_t want = ref_strcspn(s, set);

			if (tally_fail(&t, vrm_strspn(s, set) == ref_strspn(s, set) &&
					       vrm_strcspn(s, set) == want &&
					       pb == (s[want] ? s + want : NULL)))
				tally_diag(&t, "\"%s\" with \"%s\"", tap_escape(s), tap_escape(set));
		}
	tally_ok(&t, "strspn, strcspn and strpbrk agree with glibc");

	ref_memset(buf, 'X', sizeof(buf));
	ref_memset(ref, 'X', sizeof(ref));
	vrm_strncpy(buf, "abc", 8);
	ref_strncpy(ref, "abc", 8);
	ok(ref_memcmp(buf, ref, sizeof(buf)) == 0, "strncpy pads with NULs up to n");
	vrm_strncpy(buf, "abcdefgh", 4);
	ok(ref_memcmp(buf, "abcd", 4) == 0 && buf[4] == 0, "and stops at n");
	vrm_strcpy(buf, "ab");
	vrm_strcat(buf, "cd");
	vrm_strncat(buf, "efgh", 2);
	is_str(buf, "abcdef", "strcpy, strcat, strncat");

	vrm_strcpy(buf, "  ls -l  /bin ");
	tok = vrm_strtok_r(buf, " ", &save);
	is_str(tok, "ls", "strtok_r: first token");
	tok = vrm_strtok_r(NULL, " ", &save);
	is_str(tok, "-l", "second");
	tok = vrm_strtok_r(NULL, " ", &save);
	is_str(tok, "/bin", "third");
	ok(vrm_strtok_r(NULL, " ", &save) == NULL && vrm_strtok_r(NULL, " ", &save) == NULL,
	   "then NULL, and NULL again");

	tok = vrm_strdup("copy");
	is_str(tok, "copy", "strdup");
	ref_free(tok);
	tok = vrm_strndup("copy", 2);
	is_str(tok, "co", "strndup");
	ref_free(tok);
}

int main(void)
{
	rng_init();
	test_sigset();
	test_signames();
	test_strtol();
	test_qsort();
	test_strings();
	return done_testing();
}
