/* SPDX-License-Identifier: MIT */
/* reboot: asks init to re-IPL the partition (SIGQUIT to pid 1). */

#include <signal.h>
#include <stdio.h>

/* init does the shutdown, so every way of rebooting takes the same path. */
int main(void)
{
	if (kill(1, SIGQUIT) < 0) {
		perror("reboot");
		return 1;
	}
	return 0;
}
