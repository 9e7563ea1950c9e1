/* SPDX-License-Identifier: MIT */
/* make bench's vrm programs, each run once in quick mode: one test point per program. */

/*
 * Every program of /bench/ but init (which powers the partition off) runs
 * with -q, a handful of iterations, and must exit 0: the programs do so
 * only after printing a well-formed @@bench line and no @@bench-fail
 * (user/bench/bench.h). Their @@bench lines stay in the log; no figure
 * is compared with anything. A /bench/ without programs is a plan of 0,
 * which fails.
 */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DIR_PATH "/bench"
#define MAX_PROGRAMS 32

static char names[MAX_PROGRAMS][NAME_MAX + 1];

static int list_programs(void)
{
	DIR *d = opendir(DIR_PATH);
	struct dirent *e;
	int n = 0;

	if (!d) {
		printf("# %s: %s\n", DIR_PATH, strerror(errno));
		return 0;
	}
	while ((e = readdir(d)) && n < MAX_PROGRAMS)
		if (e->d_name[0] != '.' && strcmp(e->d_name, "init") != 0)
			strcpy(names[n++], e->d_name);
	closedir(d);
	return n;
}

/* The program's wait status, or -1 when it could not be started. */
static int run_quick(const char *name)
{
	char path[sizeof(DIR_PATH) + NAME_MAX + 1];
	char *argv[] = { path, "-q", NULL };
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", DIR_PATH, name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv(path, argv);
		printf("# %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int main(void)
{
	int n = list_programs(), failed = 0;

	printf("1..%d\n", n);
	for (int i = 0; i < n; i++) {
		int status = run_quick(names[i]);

		if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok %d - %s\n", i + 1, names[i]);
			continue;
		}
		failed++;
		printf("not ok %d - %s\n", i + 1, names[i]);
		if (status < 0)
			printf("# fork or waitpid: %s\n", strerror(errno));
		else if (WIFSIGNALED(status))
			printf("# killed by signal %d\n", WTERMSIG(status));
		else
			printf("# exit status %d\n", WEXITSTATUS(status));
	}
	return failed ? 1 : 0;
}
