/* SPDX-License-Identifier: MIT */
/* qsort as a heapsort: no recursion, no memory, O(n log n) at worst. */

#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Moves element i down the max-heap of the first n elements. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t big = i, left = 2 * i + 1, right = left + 1;

		if (left < n && cmp(base + left * size, base + big * size) > 0)
			big = left;
		if (right < n && cmp(base + right * size, base + big * size) > 0)
			big = right;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *b = base;

	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n; end-- > 1;) {
		swap(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}
