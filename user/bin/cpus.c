/* SPDX-License-Identifier: MIT */
/* cpus [-w]: the CPUs online; with -w, again after each SIGRECONFIG (DLPAR). */

/*
 * The AIX program of docs/porting.md, ported: what changed is only what
 * the SDK's -Wextra -Werror asks (the handler's unused parameters).
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t events;

static void on_reconfig(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)info;
	(void)context;
	events++;
}

static void show(void)
{
	printf("%ld of %ld CPUs online\n", sysconf(_SC_NPROCESSORS_ONLN),
	       sysconf(_SC_NPROCESSORS_CONF));
}

int main(int argc, char *argv[])
{
	struct sigaction sa;
	int seen = 0;

	sa.sa_sigaction = on_reconfig;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGRECONFIG, &sa, NULL) == -1) {
		perror("sigaction");
		return EXIT_FAILURE;
	}
	show();
	if (argc < 2 || strcmp(argv[1], "-w") != 0)
		return EXIT_SUCCESS;
	for (;;) {
		pause();
		while (seen < events) {
			seen++;
			printf("SIGRECONFIG %d: ", seen);
			show();
		}
	}
}
