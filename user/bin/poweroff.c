/* SPDX-License-Identifier: MIT */
/* poweroff: asks init to power the partition off (SIGTERM to pid 1). */

#include <signal.h>
#include <stdio.h>

/* init does the shutdown, so every way of stopping takes the same path. */
int main(void)
{
	if (kill(1, SIGTERM) < 0) {
		perror("poweroff");
		return 1;
	}
	return 0;
}
