/* SPDX-License-Identifier: MIT */
/* Host tests of lib/string.c and <ctype.h>: every small case, then random. */

#include <stdint.h>
#include <stdlib.h>

#include <libc/ctype.h>
#include <libc/string.h>

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

/*
 * Sizes up to MAX_SMALL cover the byte head, the unrolled four-word loop,
 * single words and the byte tail at every one of the ALIGNS alignments.
 */
#define MAX_SMALL 80
#define ALIGNS 8
#define RANDOM_RUNS 2000
#define MAX_RANDOM 5000

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Buffers come from malloc at their exact size, so ASan reports any access
 * past the end; malloc's 16-byte alignment makes "p + a" misaligned by a.
 */
static unsigned char *random_buf(size_t n)
{
	unsigned char *p = malloc(n);

	for (size_t i = 0; i < n; i++)
		p[i] = rng_next();
	return p;
}

static unsigned char *dup_buf(const unsigned char *src, size_t n)
{
	unsigned char *p = malloc(n);

	ref_memcpy(p, src, n);
	return p;
}

/* A string of len characters from set at offset a of an exact buffer. */
static char *random_str(size_t a, size_t len, const char *set)
{
	char *p = malloc(a + len + 1);
	size_t nset = ref_strlen(set);

	for (size_t i = 0; i < len; i++)
		p[a + i] = set[rng_below(nset)];
	p[a + len] = '\0';
	return p;
}

/* Every byte except NUL, so strings can hold any of them. */
static const char *all_bytes(void)
{
	static char set[256];

	for (int i = 1; i < 256; i++)
		set[i - 1] = (char)i;
	return set;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Copies src + sa to dst + da and checks every byte of dst. */
static bool memcpy_case(size_t n, size_t sa, size_t da)
{
	unsigned char *src = random_buf(sa + n);
	unsigned char *dst = random_buf(da + n);
	unsigned char *want = dup_buf(dst, da + n);
	bool pass;

	ref_memcpy(want + da, src + sa, n);
	pass = vrm_memcpy(dst + da, src + sa, n) == dst + da &&
	       ref_memcmp(dst, want, da + n) == 0;
	free(src);
	free(dst);
	free(want);
	return pass;
}

static void test_memcpy(void)
{
	struct tally small = { 0 }, big = { 0 };

	for (size_t n = 0; n <= MAX_SMALL; n++)
		for (size_t sa = 0; sa < ALIGNS; sa++)
			for (size_t da = 0; da < ALIGNS; da++)
				if (tally_fail(&small, memcpy_case(n, sa, da)))
					tally_diag(&small, "memcpy(dst+%zu, src+%zu, %zu)",
						   da, sa, n);
	tally_ok(&small, "memcpy: sizes 0..80 at every alignment pair");

	for (int i = 0; i < RANDOM_RUNS; i++) {
		size_t n = rng_below(MAX_RANDOM), sa = rng_below(64), da = rng_below(64);

		if (tally_fail(&big, memcpy_case(n, sa, da)))
			tally_diag(&big, "memcpy(dst + %zu, src + %zu, %zu)", da, sa, n);
	}
	tally_ok(&big, "memcpy: random sizes and alignments");
}

/* Moves n bytes from offset s to offset d inside one exact buffer. */
static bool memmove_case(size_t len, size_t n, size_t s, size_t d)
{
	unsigned char *buf = random_buf(len);
	unsigned char *want = dup_buf(buf, len);
	bool pass;

	ref_memmove(want + d, want + s, n);
	pass = vrm_memmove(buf + d, buf + s, n) == buf + d &&
	       ref_memcmp(buf, want, len) == 0;
	free(buf);
	free(want);
	return pass;
}

static void test_memmove(void)
{
	struct tally small = { 0 }, big = { 0 };
	const size_t span = 3 * ALIGNS;

	/* Every overlap: source and destination anywhere in a few words. */
	for (size_t n = 0; n <= 6 * ALIGNS; n++)
		for (size_t s = 0; s < span; s++)
			for (size_t d = 0; d < span; d++)
				if (tally_fail(&small, memmove_case(n + span, n, s, d)))
					tally_diag(&small, "memmove(buf+%zu, buf+%zu, %zu)",
						   d, s, n);
	tally_ok(&small, "memmove: sizes 0..48, every overlap within 24 bytes");

	for (int i = 0; i < RANDOM_RUNS; i++) {
		size_t n = rng_below(MAX_RANDOM), len = n + rng_below(MAX_RANDOM) + 1;
		size_t s = rng_below(len - n + 1), d = rng_below(len - n + 1);

		if (tally_fail(&big, memmove_case(len, n, s, d)))
			tally_diag(&big, "memmove(buf + %zu, buf + %zu, %zu) in %zu",
				   d, s, n, len);
	}
	tally_ok(&big, "memmove: random overlapping moves");
}

static bool memset_case(size_t n, size_t a, int c)
{
	unsigned char *buf = random_buf(a + n);
	unsigned char *want = dup_buf(buf, a + n);
	bool pass;

	ref_memset(want + a, c, n);
	pass = vrm_memset(buf + a, c, n) == buf + a &&
	       ref_memcmp(buf, want, a + n) == 0;
	free(buf);
	free(want);
	return pass;
}

static void test_memset(void)
{
	/* Only the low byte counts: 0x1ff and -1 fill with 0xff. */
	static const int values[] = { 0, 0xa5, 0x80, 0xff, -1, 0x1ff, 0x100 };
	struct tally small = { 0 }, big = { 0 };

	for (size_t n = 0; n <= MAX_SMALL; n++)
		for (size_t a = 0; a < ALIGNS; a++)
			for (size_t v = 0; v < ARRAY_SIZE(values); v++)
				if (tally_fail(&small, memset_case(n, a, values[v])))
					tally_diag(&small, "memset(buf + %zu, %d, %zu)",
						   a, values[v], n);
	tally_ok(&small, "memset: sizes 0..80 at every alignment");

	for (int i = 0; i < RANDOM_RUNS; i++) {
		size_t n = rng_below(MAX_RANDOM), a = rng_below(64);
		int c = (int)rng_next();

		if (tally_fail(&big, memset_case(n, a, c)))
			tally_diag(&big, "memset(buf + %zu, %d, %zu)", a, c, n);
	}
	tally_ok(&big, "memset: random sizes, alignments and values");
}

/*
 * Two equal buffers except at pos (none when pos == n), where b's byte is
 * a's with the bits in flip changed: the sign of the result must match.
 */
static bool memcmp_case(size_t n, size_t aa, size_t ba, size_t pos, unsigned char flip)
{
	unsigned char *a = random_buf(aa + n);
	unsigned char *b = random_buf(ba + n);
	bool pass;

	ref_memcpy(b + ba, a + aa, n);
	if (pos < n)
		b[ba + pos] ^= flip;
	pass = sign(vrm_memcmp(a + aa, b + ba, n)) == sign(ref_memcmp(a + aa, b + ba, n));
	free(a);
	free(b);
	return pass;
}

/* Every alignment pair for one size and first difference. */
static void memcmp_alignments(struct tally *t, size_t n, size_t pos)
{
	/* 0x80 makes one byte >= 0x80: bytes compare as unsigned char. */
	static const unsigned char flips[] = { 0x01, 0x80, 0xff };

	for (size_t aa = 0; aa < ALIGNS; aa++)
		for (size_t ba = 0; ba < ALIGNS; ba++)
			for (size_t f = 0; f < ARRAY_SIZE(flips); f++)
				if (tally_fail(t, memcmp_case(n, aa, ba, pos, flips[f])))
					tally_diag(t, "memcmp size %zu at +%zu/+%zu, "
						   "differing at %zu by 0x%x",
						   n, aa, ba, pos, flips[f]);
}

static void test_memcmp(void)
{
	struct tally t = { 0 };

	for (size_t n = 0; n <= 40; n++)
		for (size_t pos = 0; pos <= n; pos++)
			memcmp_alignments(&t, n, pos);
	tally_ok(&t, "memcmp: sizes 0..40, every alignment and first difference");
}

/* Looks for target (placed at pos unless pos == n), passed to memchr as c. */
static bool memchr_case(size_t n, size_t a, size_t pos, unsigned char target, int c)
{
	unsigned char *buf = random_buf(a + n);
	bool pass;

	for (size_t i = 0; i < n; i++) {
		if (buf[a + i] == target)
			buf[a + i] = target + 1;
	}
	if (pos < n)
		buf[a + pos] = target;
	pass = vrm_memchr(buf + a, c, n) == ref_memchr(buf + a, c, n);
	free(buf);
	return pass;
}

/* One random byte to find, passed as c in three ways. */
static void memchr_position(struct tally *t, size_t n, size_t a, size_t pos)
{
	unsigned char target = rng_next();
	/* Only c's low byte counts, whatever the rest. */
	int cs[] = { target, target + 256, (signed char)target };

	for (size_t k = 0; k < ARRAY_SIZE(cs); k++)
		if (tally_fail(t, memchr_case(n, a, pos, target, cs[k])))
			tally_diag(t, "memchr size %zu at +%zu, c %d at %zu",
				   n, a, cs[k], pos);
}

static void test_memchr(void)
{
	struct tally t = { 0 };

	for (size_t n = 0; n <= 40; n++)
		for (size_t a = 0; a < ALIGNS; a++)
			for (size_t pos = 0; pos <= n; pos++)
				memchr_position(&t, n, a, pos);
	tally_ok(&t, "memchr: sizes 0..40, every alignment and position");
}

/* A string of n bytes at offset a: strlen, and strnlen at every limit. */
static void strlen_case(struct tally *len, struct tally *nlen, size_t n, size_t a)
{
	char *s = random_str(a, n, all_bytes());

	if (tally_fail(len, vrm_strlen(s + a) == n))
		tally_diag(len, "strlen of %zu bytes at +%zu", n, a);
	for (size_t max = 0; max <= n + 2; max++) {
		size_t got = vrm_strnlen(s + a, max);

		if (tally_fail(nlen, got == ref_strnlen(s + a, max)))
			tally_diag(nlen, "strnlen(%zu bytes at +%zu, %zu)", n, a, max);
	}
	free(s);
}

/* No NUL at all: strnlen must stop at the limit, which ASan checks. */
static bool unterminated_case(size_t n)
{
	unsigned char *raw = random_buf(n);
	bool pass;

	for (size_t i = 0; i < n; i++)
		raw[i] |= 1;
	pass = vrm_strnlen((char *)raw, n) == n;
	free(raw);
	return pass;
}

static void test_strlen(void)
{
	struct tally len = { 0 }, nlen = { 0 }, unterminated = { 0 };

	for (size_t n = 0; n <= 40; n++) {
		for (size_t a = 0; a < ALIGNS; a++)
			strlen_case(&len, &nlen, n, a);
		if (tally_fail(&unterminated, unterminated_case(n)))
			tally_diag(&unterminated, "strnlen of %zu unterminated bytes", n);
	}
	tally_ok(&len, "strlen: lengths 0..40 at every alignment");
	tally_ok(&nlen, "strnlen: every limit around the length");
	tally_ok(&unterminated, "strnlen: reads no further than the limit");
}

static void test_strchr(void)
{
	/* 0xe9 as int and as a negative char: both mean the byte 0xe9. */
	static const int cs[] = { 'a', 'b', 0xe9, (signed char)0xe9, 0, 'z', 'a' + 256 };
	struct tally fwd = { 0 }, rev = { 0 };

	for (int i = 0; i < 20 * RANDOM_RUNS; i++) {
		size_t a = rng_below(ALIGNS), n = rng_below(13);
		char *s = random_str(a, n, "ab\xe9");
		int c = cs[rng_below(ARRAY_SIZE(cs))];

		if (tally_fail(&fwd, vrm_strchr(s + a, c) == ref_strchr(s + a, c)))
			tally_diag(&fwd, "strchr(\"%s\", %d)", tap_escape(s + a), c);
		if (tally_fail(&rev, vrm_strrchr(s + a, c) == ref_strrchr(s + a, c)))
			tally_diag(&rev, "strrchr(\"%s\", %d)", tap_escape(s + a), c);
		free(s);
	}
	tally_ok(&fwd, "strchr: random strings, the terminator included");
	tally_ok(&rev, "strrchr: random strings, the terminator included");
}

static void test_strcmp(void)
{
	struct tally cmp = { 0 }, ncmp = { 0 };

	for (int i = 0; i < 20 * RANDOM_RUNS; i++) {
		/* A tiny alphabet makes equal prefixes common. */
		char *a = random_str(0, rng_below(9), "ab\xe9");
		char *b = random_str(0, rng_below(9), "ab\xe9");
		size_t n = rng_below(11);
		int ours = vrm_strcmp(a, b), ours_n = vrm_strncmp(a, b, n);

		if (tally_fail(&cmp, sign(ours) == sign(ref_strcmp(a, b))))
			tally_diag(&cmp, "strcmp(\"%s\", \"%s\")",
				   tap_escape(a), tap_escape(b));
		if (tally_fail(&ncmp, sign(ours_n) == sign(ref_strncmp(a, b, n))))
			tally_diag(&ncmp, "strncmp(\"%s\", \"%s\", %zu)",
				   tap_escape(a), tap_escape(b), n);
		free(a);
		free(b);
	}
	tally_ok(&cmp, "strcmp: random pairs with common prefixes");
	tally_ok(&ncmp, "strncmp: random pairs and limits");
}

static void test_strstr(void)
{
	struct tally t = { 0 };

	for (int i = 0; i < 20 * RANDOM_RUNS; i++) {
		char *h = random_str(0, rng_below(13), "ab");
		char *n = random_str(0, rng_below(5), "ab");

		if (tally_fail(&t, vrm_strstr(h, n) == ref_strstr(h, n)))
			tally_diag(&t, "strstr(\"%s\", \"%s\")", h, n);
		free(h);
		free(n);
	}
	tally_ok(&t, "strstr: random haystacks and needles");
	ok(vrm_strstr("", "") != NULL, "strstr: the empty needle is in the empty string");
}

/* glibc 2.36 has no strlcpy: the expected result is spelled out here. */
static bool strlcpy_case(size_t len, size_t size)
{
	char *src = random_str(0, len, all_bytes());
	char *dst = size ? (char *)random_buf(size) : NULL;
	size_t kept = len < size ? len : size - 1;
	bool pass = vrm_strlcpy(dst, src, size) == len;

	if (size > 0)
		pass = pass && ref_memcmp(dst, src, kept) == 0 && dst[kept] == '\0';
	free(src);
	free(dst);
	return pass;
}

static void test_strlcpy(void)
{
	struct tally t = { 0 };

	for (size_t len = 0; len <= 40; len++)
		for (size_t size = 0; size <= len + 3; size++)
			if (tally_fail(&t, strlcpy_case(len, size)))
				tally_diag(&t, "strlcpy of %zu bytes into %zu",
					   len, size);
	tally_ok(&t, "strlcpy: every destination size around the length");
}

/* The classes must agree with glibc's "C" locale for EOF and every byte. */
static void test_ctype(void)
{
	static const struct {
		const char *name;
		int (*ours)(int);
		int (*ref)(int);
		bool is_class;	/* compare truth values, not the results */
	} fns[] = {
		{ "isdigit", vrm_isdigit, ref_isdigit, true },
		{ "isxdigit", vrm_isxdigit, ref_isxdigit, true },
		{ "isspace", vrm_isspace, ref_isspace, true },
		{ "isalpha", vrm_isalpha, ref_isalpha, true },
		{ "isalnum", vrm_isalnum, ref_isalnum, true },
		{ "isprint", vrm_isprint, ref_isprint, true },
		{ "isupper", vrm_isupper, ref_isupper, true },
		{ "islower", vrm_islower, ref_islower, true },
		{ "tolower", vrm_tolower, ref_tolower, false },
		{ "toupper", vrm_toupper, ref_toupper, false },
	};
	struct tally t = { 0 };

	for (size_t f = 0; f < ARRAY_SIZE(fns); f++)
		for (int c = -1; c <= 255; c++) {
			int ours = fns[f].ours(c), ref = fns[f].ref(c);
			bool same = fns[f].is_class ? !ours == !ref : ours == ref;

			if (tally_fail(&t, same))
				tally_diag(&t, "%s(%d): %d, glibc %d",
					   fns[f].name, c, ours, ref);
		}
	tally_ok(&t, "ctype: ten functions against glibc for EOF and 0..255");
}

int main(void)
{
	rng_init();
	test_memcpy();
	test_memmove();
	test_memset();
	test_memcmp();
	test_memchr();
	test_strlen();
	test_strchr();
	test_strcmp();
	test_strstr();
	test_strlcpy();
	test_ctype();
	return done_testing();
}
