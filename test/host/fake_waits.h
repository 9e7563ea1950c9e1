/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's lock users: the kernel waits the locks call. */
#ifndef TEST_HOST_FAKE_WAITS_H
#define TEST_HOST_FAKE_WAITS_H

#include <time.h>


/* The SDK's locks sleep in the kernel only when contended, which these
 * one-thread tests never are. */
void __wait_addr(int *addr, int expected, const struct timespec *timeout);
void __wake_addr(int *addr, int n);

void __wait_addr(int *addr, int expected, const struct timespec *timeout)
{
	(void)addr, (void)expected, (void)timeout;
}

void __wake_addr(int *addr, int n)
{
	(void)addr, (void)n;
}

#endif
