/* SPDX-License-Identifier: MIT */
/* The shell: runs commands from /bin, in the foreground or as background jobs. */

/*
 * sh             reads commands from the console, after a "vrm# " prompt
 *                for root and "vrm$ " for other users.
 * sh -c LINE     runs one command line and exits with its status.
 *
 * A line is words separated by blanks; double quotes make one word of
 * what they enclose (\" and \\ inside them stand for " and \). A name
 * without '/' is looked up in /bin. A trailing & runs the command as a
 * background job; its end is reported before the next prompt. Builtins:
 * cd [dir], pwd, exit [n], jobs, wait.
 */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX	1024
#define ARGS_MAX	64
#define JOBS_MAX	16

struct job {
	pid_t pid;		/* 0: a free slot */
	bool stopped;
	char cmd[64];
};

static struct job jobs[JOBS_MAX];	/* job n is jobs[n - 1] */
static int last_status;

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Splits line into words, in place; argv ends with NULL. Returns the
 * number of words, or -1 (with a message) for an unterminated quote or
 * too many words.
 */
static int split(char *line, char **argv)
{
	char *r = line, *w = line;
	int argc = 0;

	for (;;) {
		while (blank(*r))
			r++;
		if (!*r)
			break;
		if (argc == ARGS_MAX - 1) {
			fprintf(stderr, "sh: more than %d words\n", ARGS_MAX - 1);
			return -1;
		}
		argv[argc++] = w;
		while (*r && !blank(*r)) {
			if (*r != '"') {
				*w++ = *r++;
				continue;
			}
			for (r++; *r && *r != '"'; *w++ = *r++)
				if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
					r++;
			if (!*r) {
				fprintf(stderr, "sh: unterminated quote\n");
				return -1;
			}
			r++;
		}
		/* w never passes r: step over the blank before writing the NUL. */
		if (*r)
			r++;
		*w++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/* Removes a trailing & (after blanks); true if there was one. */
static bool background_marker(char *line)
{
	size_t n = strlen(line);

	while (n > 0 && blank(line[n - 1]))
		n--;
	line[n] = '\0';
	if (n == 0 || line[n - 1] != '&')
		return false;
	line[n - 1] = '\0';
	return true;
}

/* "Segmentation fault (core dumped)", "Exit 3" or "Done" for a status. */
static const char *describe(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(buf, size, "%s%s", strsignal(WTERMSIG(status)),
			 WCOREDUMP(status) ? " (core dumped)" : "");
	else if (WIFSTOPPED(status))
		snprintf(buf, size, "Stopped");
	else if (WEXITSTATUS(status))
		snprintf(buf, size, "Exit %d", WEXITSTATUS(status));
	else
		snprintf(buf, size, "Done");
	return buf;
}

static int status_code(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static int add_job(pid_t pid, char **argv, bool stopped)
{
	for (int i = 0; i < JOBS_MAX; i++) {
		struct job *j = &jobs[i];
		size_t len = 0;

		if (j->pid)
			continue;
		j->pid = pid;
		j->stopped = stopped;
		j->cmd[0] = '\0';
		for (char **a = argv; *a && len < sizeof(j->cmd); a++)
			len += snprintf(j->cmd + len, sizeof(j->cmd) - len, "%s%s",
					a == argv ? "" : " ", *a);
		return i + 1;
	}
	return 0;
}

/* Records what waitpid said about pid: a job ends, stops or continues. */
static void job_event(pid_t pid, int status)
{
	char what[64];

	for (int i = 0; i < JOBS_MAX; i++) {
		struct job *j = &jobs[i];

		if (j->pid != pid)
			continue;
		if (WIFCONTINUED(status)) {
			j->stopped = false;
			return;
		}
		printf("[%d] %s  %s\n", i + 1, describe(status, what, sizeof(what)), j->cmd);
		if (WIFSTOPPED(status))
			j->stopped = true;
		else
			j->pid = 0;
		return;
	}
}

/* Collects every child that changed state, without waiting. */
static void reap(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED | WCONTINUED)) > 0)
		job_event(pid, status);
}

/* The program for a command name, or NULL after "not found". */
static const char *lookup(const char *name, char *buf, size_t size)
{
	struct stat st;

	if (strchr(name, '/'))
		return name;
	snprintf(buf, size, "/bin/%s", name);
	if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
		return buf;
	fprintf(stderr, "sh: %s: not found\n", name);
	return NULL;
}

static void run(char **argv, bool background)
{
	char buf[PATH_MAX];
	const char *path = lookup(argv[0], buf, sizeof(buf));
	pid_t pid;
	int status;

	if (!path) {
		last_status = 127;
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		last_status = 126;
		return;
	}
	if (pid == 0) {
		execv(path, argv);
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (background) {
		printf("[%d] %d\n", add_job(pid, argv, false), pid);
		last_status = 0;
		return;
	}
	while (waitpid(pid, &status, WUNTRACED) < 0)
		if (errno != EINTR)
			return;
	if (WIFSTOPPED(status)) {
		int job = add_job(pid, argv, true);

		printf("[%d] Stopped  %s\n", job, job ? jobs[job - 1].cmd : argv[0]);
		last_status = 128 + WSTOPSIG(status);
		return;
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGINT)
		printf("%s\n", describe(status, buf, sizeof(buf)));
	last_status = status_code(status);
}

static void builtin_jobs(void)
{
	reap();
	for (int i = 0; i < JOBS_MAX; i++)
		if (jobs[i].pid)
			printf("[%d] %s  %s\n", i + 1,
			       jobs[i].stopped ? "Stopped" : "Running", jobs[i].cmd);
}

/* Waits for every running background job, reporting each. */
static void builtin_wait(void)
{
	for (;;) {
		bool running = false;
		pid_t pid;
		int status;

		for (int i = 0; i < JOBS_MAX; i++)
			running |= jobs[i].pid && !jobs[i].stopped;
		if (!running)
			return;
		pid = waitpid(-1, &status, WUNTRACED | WCONTINUED);
		if (pid < 0 && errno != EINTR)
			return;
		if (pid > 0)
			job_event(pid, status);
	}
}

/* exit [n]: a status that is not a number is an error, as in POSIX
 * shells, and the shell stays. */
static void builtin_exit(int argc, char **argv)
{
	char *end;
	long n;

	if (argc < 2)
		exit(last_status);
	n = strtol(argv[1], &end, 10);
	if (end == argv[1] || *end) {
		fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
		last_status = 2;
		return;
	}
	exit((int)(n & 0xff));
}

/* Runs argv if it is a builtin; false if it is not one. */
static bool builtin(int argc, char **argv)
{
	char cwd[PATH_MAX];

	if (strcmp(argv[0], "cd") == 0) {
		const char *dir = argc > 1 ? argv[1] : "/";

		last_status = chdir(dir) < 0;
		if (last_status)
			fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
	} else if (strcmp(argv[0], "pwd") == 0) {
		last_status = getcwd(cwd, sizeof(cwd)) == NULL;
		if (last_status)
			fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		else
			printf("%s\n", cwd);
	} else if (strcmp(argv[0], "exit") == 0) {
		builtin_exit(argc, argv);
	} else if (strcmp(argv[0], "jobs") == 0) {
		builtin_jobs();
		last_status = 0;
	} else if (strcmp(argv[0], "wait") == 0) {
		builtin_wait();
		last_status = 0;
	} else {
		return false;
	}
	return true;
}

static void run_line(char *line)
{
	bool background = background_marker(line);
	char *argv[ARGS_MAX];
	int argc = split(line, argv);

	if (argc < 0)
		last_status = 2;
	else if (argc > 0 && (background || !builtin(argc, argv)))
		run(argv, background);
}

int main(int argc, char **argv)
{
	const char *prompt = geteuid() == 0 ? "vrm# " : "vrm$ ";
	char line[LINE_MAX];

	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		run_line(argv[2]);
		return last_status;
	}
	for (;;) {
		reap();
		fputs(prompt, stdout);
		if (!fgets(line, sizeof(line), stdin)) {
			/* A handled signal cut the read short: prompt again. */
			if (ferror(stdin) && errno == EINTR) {
				clearerr(stdin);
				putchar('\n');
				continue;
			}
			putchar('\n');
			return last_status;
		}
		run_line(line);
	}
}
