/* SPDX-License-Identifier: MIT */
/* Host tests of lib/strtoul.c against glibc: edge cases, then random input. */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include <libc/stdlib.h>

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

#define RANDOM_RUNS 50000

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Both functions, each against glibc: same value, same end position. */
static bool same_as_glibc(const char *s, int base)
{
	char *end, *ref_end, *end_ll, *ref_end_ll;
	bool ul = vrm_strtoul(s, &end, base) == ref_strtoul(s, &ref_end, base) &&
		  end == ref_end;
	bool ull = vrm_strtoull(s, &end_ll, base) == ref_strtoull(s, &ref_end_ll, base) &&
		   end_ll == ref_end_ll;

	return ul && ull;
}

static void test_table(void)
{
	static const char *const inputs[] = {
		"0", "1", "123", "-1", "+5", "-0", "  42", "\t\n\v\f\r 7",
		"0x1f", "0X1F", "0x", "0xg", "-0x10", "+0x10", " 0x 1",
		"012", "08", "0", "00", "0b101", "1010", "2",
		"ff", "FF", "fF", "z", "Zz", "zzzzzzzzzzzzz", "g", "G",
		"18446744073709551615", "18446744073709551616",
		"-18446744073709551615", "-18446744073709551616",
		"99999999999999999999999999", "0xffffffffffffffff",
		"0x10000000000000000", "01777777777777777777777",
		"02000000000000000000000", "", " ", "-", "+", "--1", "+-1",
		"-x", "12abc", "1 2", "\xe9", "3\xe9",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 3, 7, 35 };
	struct tally t = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(inputs); i++)
		for (size_t b = 0; b < ARRAY_SIZE(bases); b++)
			if (tally_fail(&t, same_as_glibc(inputs[i], bases[b])))
				tally_diag(&t, "strtoul(\"%s\", base %d)",
					   tap_escape(inputs[i]), bases[b]);
	tally_ok(&t, "edge cases in nine bases agree with glibc");
}

/* Expectations written out, so the tests do not only mirror glibc. */
static void test_explicit(void)
{
	const char *s;
	char *end;

	s = "0x";
	is_int(vrm_strtoul(s, &end, 0), 0, "\"0x\" reads as 0");
	is_int(end - s, 1, "\"0x\" stops at the x");

	s = "-1";
	ok(vrm_strtoul(s, NULL, 10) == ULONG_MAX, "\"-1\" negates to ULONG_MAX");

	s = "18446744073709551616xyz";
	ok(vrm_strtoul(s, &end, 10) == ULONG_MAX, "overflow gives ULONG_MAX");
	is_int(end - s, 20, "overflow still consumes every digit");

	s = "  ";
	is_int(vrm_strtoul(s, &end, 10), 0, "blank input reads as 0");
	ok(end == s, "blank input leaves end at the start");

	s = "0777";
	is_int(vrm_strtoul(s, &end, 0), 0777, "a leading 0 means octal");
	is_int(vrm_strtoull("zz", NULL, 36), 36 * 36 - 1, "base 36 uses z");

	s = "123";
	is_int(vrm_strtoul(s, &end, 1), 0, "base 1 is refused");
	ok(end == s, "a refused base leaves end at the start");
	is_int(vrm_strtoul(s, &end, 37), 0, "base 37 is refused");
	is_int(vrm_strtoul(s, &end, -1), 0, "a negative base is refused");
}

/* Appends the digits of v in base, in random letter case. */
static char *put_number(char *p, unsigned long long v, int base)
{
	char digits[64];
	int n = 0;

	do {
		int d = v % base;

		digits[n++] = d < 10 ? '0' + d : (rng_one_in(2) ? 'a' : 'A') + d - 10;
		v /= base;
	} while (v);
	while (n > 0)
		*p++ = digits[--n];
	return p;
}

/* Noise around a number, or pure noise: white space, signs, prefixes. */
static void random_input(char *buf, int base)
{
	static const char noise[] = " \t\n+-0123456789abcdefxXzZg";
	static const char *const prefixes[] = {
		"", "", " ", "-", "+", "0", "0x", "0X", "-0x",
	};
	char *p = buf;
	int len = rng_below(8);

	if (rng_one_in(3)) {
		for (int i = 0; i < 3 * len; i++)
			*p++ = noise[rng_below(sizeof(noise) - 1)];
	} else {
		const char *pre = prefixes[rng_below(ARRAY_SIZE(prefixes))];
		int shift = rng_below(64);
		int b = base ? base : 16;

		while (*pre)
			*p++ = *pre++;
		/* Values of every magnitude, and now and then past the top. */
		p = put_number(p, rng_next() >> shift, b);
		if (rng_one_in(8))
			p = put_number(p, rng_below(b), b);
		for (int i = 0; i < len; i++)
			*p++ = noise[rng_below(sizeof(noise) - 1)];
	}
	*p = '\0';
}

static void test_random(void)
{
	struct tally t = { 0 };
	char buf[160];

	for (int i = 0; i < RANDOM_RUNS; i++) {
		int base = rng_one_in(4) ? 0 : 2 + rng_below(35);

		random_input(buf, base);
		if (tally_fail(&t, same_as_glibc(buf, base)))
			tally_diag(&t, "strtoul(\"%s\", base %d)",
				   tap_escape(buf), base);
	}
	tally_ok(&t, "random numbers and noise agree with glibc");
}

int main(void)
{
	rng_init();
	test_table();
	test_explicit();
	test_random();
	return done_testing();
}
