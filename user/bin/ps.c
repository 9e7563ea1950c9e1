/* SPDX-License-Identifier: MIT */
/* ps: every task, from getprocs(): PID PPID UID S CPU BIND NAME. */

#include <stdio.h>
#include <stdlib.h>
#include <sys/procinfo.h>

#define PROCS_MAX 1024

int main(void)
{
	struct procentry *p = calloc(PROCS_MAX, sizeof(*p));
	int n = p ? getprocs(p, PROCS_MAX) : -1;

	if (n < 0) {
		perror("ps");
		return 1;
	}
	printf("%6s %6s %5s S %3s %4s NAME\n", "PID", "PPID", "UID", "CPU", "BIND");
	for (int i = 0; i < n; i++) {
		char bind[8] = "-";

		if (p[i].pi_bound >= 0)
			snprintf(bind, sizeof(bind), "%d", p[i].pi_bound);
		printf("%6d %6d %5u %c %3d %4s %.*s\n", p[i].pi_pid, p[i].pi_ppid,
		       p[i].pi_uid, p[i].pi_state, p[i].pi_cpu, bind,
		       (int)sizeof(p[i].pi_comm), p[i].pi_comm);
	}
	free(p);
	return 0;
}
