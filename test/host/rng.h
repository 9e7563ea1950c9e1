/* SPDX-License-Identifier: MIT */
/* Host tests: a seeded random generator, so any failure can be replayed. */
#ifndef VRM_RNG_H
#define VRM_RNG_H

#include <stdint.h>
#include <stdlib.h>

#include "glibc_ref.h"
#include "tap.h"

#define RNG_DEFAULT_SEED 0x5eed5eed2024ULL

static uint64_t rng_state;

/*
 * Seeds from $TEST_SEED when set, else from the fixed default, and prints
 * the seed so a failing run can be repeated exactly.
 */
static inline void rng_init(void)
{
	const char *env = getenv("TEST_SEED");
	uint64_t seed = env ? ref_strtoull(env, NULL, 0) : RNG_DEFAULT_SEED;

	diag("seed 0x%llx (set TEST_SEED to change)", (unsigned long long)seed);
	/* xorshift never leaves zero. */
	rng_state = seed ? seed : RNG_DEFAULT_SEED;
}

/* xorshift64*: fast, and plenty for generating test inputs. */
static inline uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A value in [0, n); n must not be 0. */
static inline uint64_t rng_below(uint64_t n)
{
	return rng_next() % n;
}

/* True one time in n. */
static inline int rng_one_in(uint64_t n)
{
	return rng_below(n) == 0;
}

#endif /* VRM_RNG_H */
