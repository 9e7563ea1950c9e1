/* SPDX-License-Identifier: MIT */
/* Host tests of lib/bitmap.c: bits across words, and the search for set bits. */

#include <stdbool.h>
#include <string.h>

#include <vrm/bitmap.h>

#include "rng.h"
#include "tap.h"

#define MAX_BITS	4096
#define RANDOM_RUNS	2000

/* Every set bit bitmap_for_each_set visits, against a plain array. */
static bool visits_exactly(const unsigned long *map, const bool *want, unsigned int nbits)
{
	unsigned int bit, expect = 0;

	bitmap_for_each_set(bit, map, nbits) {
		while (expect < nbits && !want[expect])
			expect++;
		if (bit != expect)
			return false;
		expect++;
	}
	while (expect < nbits && !want[expect])
		expect++;
	return expect == nbits;
}

static void test_words(void)
{
	unsigned long map[BITMAP_WORDS(1024)] = { 0 };
	static const unsigned int bits[] = { 0, 1, 63, 64, 65, 127, 128, 511, 512, 1023 };
	bool all = true;

	is_int(BITMAP_WORDS(1), 1, "one bit takes a word");
	is_int(BITMAP_WORDS(64), 1, "64 bits take a word");
	is_int(BITMAP_WORDS(65), 2, "65 bits take two");
	is_int(BITMAP_WORDS(1024), 16, "1024 bits take 16 words");
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		bitmap_set(map, bits[i]);
		all &= bitmap_test(map, bits[i]);
	}
	ok(all, "every bit set reads back, in every word");
	ok(!bitmap_test(map, 2) && !bitmap_test(map, 66) && !bitmap_test(map, 1022),
	   "its neighbours stay clear");
	ok(map[0] == (1ul | 2ul | 1ul << 63) && map[1] == (1ul | 2ul | 1ul << 63),
	   "bit n is bit n %% 64 of word n / 64");
	is_int(bitmap_next_set(map, 1024, 0), 0, "the first set bit");
	is_int(bitmap_next_set(map, 1024, 2), 63, "from a clear bit to the next set one");
	is_int(bitmap_next_set(map, 1024, 129), 511, "over clear words");
	is_int(bitmap_next_set(map, 1024, 1023), 1023, "the last bit");
	is_int(bitmap_next_set(map, 1023, 513), 1023, "none below nbits: nbits");
	is_int(bitmap_next_set(map, 1024, 1024), 1024, "from nbits: nbits");
	is_int(bitmap_next_set(map, 100, 70), 100, "a set bit at or past nbits is not seen");
	bitmap_zero(map, 1024);
	is_int(bitmap_next_set(map, 1024, 0), 1024, "bitmap_zero clears every word");
}

/* bitmap_zero clears the words of nbits and nothing beyond them. */
static void test_zero_bounds(void)
{
	unsigned long map[3];

	memset(map, 0xff, sizeof(map));
	bitmap_zero(map, 65);
	ok(map[0] == 0 && map[1] == 0 && map[2] == ~0ul, "65 bits: two words cleared, not the third");
}

static void test_random(void)
{
	static unsigned long map[BITMAP_WORDS(MAX_BITS)];
	static bool want[MAX_BITS];
	struct tally t = { 0 };

	for (int run = 0; run < RANDOM_RUNS; run++) {
		unsigned int nbits = 1 + (unsigned int)rng_below(MAX_BITS);
		unsigned int density = 1 + (unsigned int)rng_below(64);

		bitmap_zero(map, MAX_BITS);
		for (unsigned int i = 0; i < nbits; i++) {
			want[i] = rng_one_in(density);
			if (want[i])
				bitmap_set(map, i);
		}
		if (tally_fail(&t, visits_exactly(map, want, nbits)))
			tally_diag(&t, "run %d: %u bits, one in %u set", run, nbits, density);
	}
	tally_ok(&t, "bitmap_for_each_set visits exactly the set bits, in order");
}

int main(void)
{
	rng_init();
	test_words();
	test_zero_bounds();
	test_random();
	return done_testing();
}
