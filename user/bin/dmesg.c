/* SPDX-License-Identifier: MIT */
/* dmesg: the kernel's log ring, from klog_read(). */

#include <stdio.h>
#include <stdlib.h>
#include <sys/klog.h>
#include <unistd.h>

#define LOG_MAX (256 * 1024)	/* more than the kernel's ring holds */

int main(void)
{
	char *buf = malloc(LOG_MAX);
	long n = buf ? klog_read(buf, LOG_MAX) : -1;

	if (n < 0) {
		perror("dmesg");
		return 1;
	}
	for (long done = 0; done < n;) {
		ssize_t w = write(STDOUT_FILENO, buf + done, n - done);

		if (w < 0) {
			perror("dmesg: write");
			return 1;
		}
		done += w;
	}
	free(buf);
	return 0;
}
