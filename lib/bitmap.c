// SPDX-License-Identifier: MIT
/* Bitmaps: clearing and finding set bits, a word at a time. */
#include <string.h>
#include <vrm/bitmap.h>

void bitmap_zero(unsigned long *map, unsigned int nbits)
{
	memset(map, 0, BITMAP_WORDS(nbits) * sizeof(*map));
}

unsigned int bitmap_next_set(const unsigned long *map, unsigned int nbits, unsigned int from)
{
	unsigned int w = from / BITS_PER_WORD;
	unsigned long word;

	if (from >= nbits)
		return nbits;
	/* The first word without the bits below `from`. */
	word = map[w] & (~0ul << (from % BITS_PER_WORD));
	for (;;) {
		if (word) {
			unsigned int bit = w * BITS_PER_WORD + (unsigned int)__builtin_ctzl(word);

			return bit < nbits ? bit : nbits;
		}
		if (++w >= BITMAP_WORDS(nbits))
			return nbits;
		word = map[w];
	}
}
