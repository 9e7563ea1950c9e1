/* SPDX-License-Identifier: MIT */
/* Bitmaps of any size in arrays of unsigned long: CPU masks and the like. */
#ifndef VRM_BITMAP_H
#define VRM_BITMAP_H

#include <stdbool.h>
#include <stddef.h>

#define BITS_PER_WORD		(8 * sizeof(unsigned long))
/* Words that hold nbits bits. */
#define BITMAP_WORDS(nbits)	(((nbits) + BITS_PER_WORD - 1) / BITS_PER_WORD)

/*
 * Bit n is bit n % BITS_PER_WORD of word n / BITS_PER_WORD. None of these
 * is atomic: the caller serialises the writers of one bitmap.
 */
static inline void bitmap_set(unsigned long *map, unsigned int bit)
{
	map[bit / BITS_PER_WORD] |= 1ul << (bit % BITS_PER_WORD);
}

static inline bool bitmap_test(const unsigned long *map, unsigned int bit)
{
	return map[bit / BITS_PER_WORD] >> (bit % BITS_PER_WORD) & 1;
}

/* Clears the words that hold nbits bits. */
void bitmap_zero(unsigned long *map, unsigned int nbits);

/* The first set bit at or after `from` and below nbits, or nbits when
 * there is none. Bits at nbits and above are never looked at. */
unsigned int bitmap_next_set(const unsigned long *map, unsigned int nbits, unsigned int from);

#define bitmap_for_each_set(bit, map, nbits)					\
	for ((bit) = bitmap_next_set((map), (nbits), 0); (bit) < (nbits);		\
	     (bit) = bitmap_next_set((map), (nbits), (bit) + 1))
#endif
