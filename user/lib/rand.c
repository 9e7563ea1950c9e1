/* SPDX-License-Identifier: MIT */
/*
 * Pseudo-random numbers: the portable generator that the C standard and
 * POSIX give as their example, so a seed gives the same sequence as on
 * other systems that use it (AIX's RAND_MAX is the same 32767).
 */

#include <stdlib.h>

/* rand's state before any srand, as if srand(1) had been called. */
static unsigned int rand_state = 1;

int rand_r(unsigned int *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (int)(*seed / 65536u % (RAND_MAX + 1u));
}

int rand(void)
{
	return rand_r(&rand_state);
}

void srand(unsigned int seed)
{
	rand_state = seed;
}
