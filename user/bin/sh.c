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
 * cd [dir], pwd, exit [n], jobs, wait, fg [%n], bg [%n].
 *
 * Job control (docs/tty.md), when the shell reads the console and the
 * console is its terminal: every command runs in a process group of its
 * own, and a foreground one gets the terminal (tcsetpgrp) until it ends
 * or stops, so Ctrl-C and Ctrl-Z reach it and not the shell. The shell
 * itself survives them: at the prompt they only give a fresh one. A
 * stopped job is reported ("[1] Stopped  sleep 30"); fg continues a job
 * in the foreground, bg in the background; %n names job n, and without
 * it both take the current job, the last one stopped or put in the
 * background.
 */

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX	(MAX_CANON + 1)	/* the longest line the terminal takes */
#define ARGS_MAX	64
#define JOBS_MAX	16

struct job {
	pid_t pid;		/* its process, the leader of its group; 0: free */
	bool stopped;
	int status;		/* the waitpid status that stopped it */
	char cmd[64];
};

static struct job jobs[JOBS_MAX];	/* job n is jobs[n - 1] */
static int current;			/* fg and bg's job without %n, or 0 */
static int last_status;
static bool job_control;		/* process groups and the terminal */
static pid_t shell_pgid;
static const char *prompt;
static volatile sig_atomic_t at_prompt;	/* the prompt is out, a line awaited */

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
		snprintf(buf, size, "%s", strsignal(WSTOPSIG(status)));
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

/* The job's command line, its words joined by blanks (cut to fit). */
static void name_job(struct job *j, char **argv)
{
	size_t len = 0;

	j->cmd[0] = '\0';
	for (char **a = argv; *a && len < sizeof(j->cmd); a++)
		len += snprintf(j->cmd + len, sizeof(j->cmd) - len, "%s%s",
				a == argv ? "" : " ", *a);
}

/* Puts j into a free slot; its number, or 0 when the table is full. */
static int add_job(const struct job *j)
{
	for (int i = 0; i < JOBS_MAX; i++)
		if (!jobs[i].pid) {
			jobs[i] = *j;
			current = i + 1;
			return i + 1;
		}
	return 0;
}

/* Job n is gone: the current job becomes the newest left. */
static void free_job(int n)
{
	jobs[n - 1].pid = 0;
	if (current == n)
		for (current = JOBS_MAX; current > 0 && !jobs[current - 1].pid; current--)
			;
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
		if (WIFSTOPPED(status)) {
			j->stopped = true;
			j->status = status;
			current = i + 1;
		} else {
			free_job(i + 1);
		}
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

/*
 * Ctrl-C, Ctrl-Z or Ctrl-\ at the prompt: the terminal has dropped the
 * line, and a fresh prompt goes on a new one. The handler prints it (and
 * the read goes on) because a key typed as soon as the prompt shows may
 * come before the read has started, which it then would not cut short.
 * Anywhere else, a key that reached the shell (typed before a job had the
 * terminal) does nothing.
 */
static void on_key(int sig)
{
	(void)sig;
	if (at_prompt) {
		write(STDOUT_FILENO, "\n", 1);
		write(STDOUT_FILENO, prompt, strlen(prompt));
	}
}

/*
 * Job control, if the console is the shell's terminal. A shell started
 * in the background stops until it is brought to the foreground; in a
 * group nothing could continue, the stop does not happen, and the shell
 * goes on without job control (its reads then fail).
 */
static void start_job_control(void)
{
	struct sigaction key = { .sa_handler = on_key, .sa_flags = SA_RESTART };
	pid_t fg;

	for (int tries = 0; (fg = tcgetpgrp(STDIN_FILENO)) != getpgrp(); tries++) {
		if (fg < 0 || tries == 10)
			return;
		raise(SIGTTIN);
	}
	sigemptyset(&key.sa_mask);
	sigaction(SIGINT, &key, NULL);
	sigaction(SIGTSTP, &key, NULL);
	sigaction(SIGQUIT, &key, NULL);
	/* Taking the terminal back from a job is done from the background. */
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	shell_pgid = getpid();
	if (getpgrp() != shell_pgid && setpgid(0, 0) < 0) {
		fprintf(stderr, "sh: no job control: setpgid: %s\n", strerror(errno));
		return;
	}
	tcsetpgrp(STDIN_FILENO, shell_pgid);
	job_control = true;
}

/*
 * The keys' signals are held from before a fork until the new job's
 * process has its defaults back: a Ctrl-Z that reaches the job's group
 * in between (fg can give it the terminal that early) would otherwise
 * run the shell's handler in the job's process and be lost. Held, it
 * stops the job as soon as the job lets it in.
 */
static void hold_keys(sigset_t *old)
{
	sigset_t keys;

	sigemptyset(&keys);
	sigaddset(&keys, SIGINT);
	sigaddset(&keys, SIGTSTP);
	sigaddset(&keys, SIGQUIT);
	sigprocmask(SIG_BLOCK, &keys, old);
}

/* In a new job's process, before exec: its own group (and the terminal,
 * in the foreground), and the keys' signals back to their defaults, then
 * let in. Both the shell and the job set the group, so whichever runs
 * first, the job never runs its program outside its group. */
static void enter_job(bool foreground, const sigset_t *mask)
{
	setpgid(0, 0);
	if (foreground)
		tcsetpgrp(STDIN_FILENO, getpid());
	signal(SIGINT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	sigprocmask(SIG_SETMASK, mask, NULL);
}

/*
 * Waits for a job that has the terminal until it ends or stops, then
 * takes the terminal back. n is the job's number, or 0 for a command not
 * yet in the table: a stop puts it there. A signal from a terminal key
 * ended a line with its echo ("^C"): the report starts on a new line.
 */
static void wait_foreground(struct job *j, int n)
{
	char what[64];
	int status;

	for (;;) {
		while (waitpid(j->pid, &status, WUNTRACED) < 0)
			if (errno != EINTR) {
				fprintf(stderr, "sh: waitpid: %s\n", strerror(errno));
				return;
			}
		if (!WIFSTOPPED(status) || n || (n = add_job(j)))
			break;
		/* Nowhere to keep a stopped job: it goes on in the foreground. */
		fprintf(stderr, "\nsh: more than %d jobs: %s goes on\n", JOBS_MAX, j->cmd);
		kill(-j->pid, SIGCONT);
	}
	if (job_control)
		tcsetpgrp(STDIN_FILENO, shell_pgid);
	if (WIFSTOPPED(status)) {
		j = &jobs[n - 1];
		j->stopped = true;
		j->status = status;
		current = n;
		if (WSTOPSIG(status) == SIGTSTP)
			putchar('\n');
		printf("[%d] %s  %s\n", n, describe(status, what, sizeof(what)), j->cmd);
		last_status = 128 + WSTOPSIG(status);
		return;
	}
	if (n)
		free_job(n);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
		putchar('\n');
	else if (WIFSIGNALED(status))
		printf("%s%s\n", WTERMSIG(status) == SIGQUIT ? "\n" : "",
		       describe(status, what, sizeof(what)));
	last_status = status_code(status);
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
	struct job job = { 0 };
	sigset_t mask;
	pid_t pid;

	if (!path) {
		last_status = 127;
		return;
	}
	fflush(stdout);
	if (job_control)
		hold_keys(&mask);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		if (job_control)
			sigprocmask(SIG_SETMASK, &mask, NULL);
		last_status = 126;
		return;
	}
	if (pid == 0) {
		if (job_control)
			enter_job(!background, &mask);
		execv(path, argv);
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	job.pid = pid;
	name_job(&job, argv);
	if (job_control) {
		setpgid(pid, pid);
		if (!background)
			tcsetpgrp(STDIN_FILENO, pid);
		sigprocmask(SIG_SETMASK, &mask, NULL);
	}
	if (background) {
		printf("[%d] %d\n", add_job(&job), pid);
		last_status = 0;
		return;
	}
	wait_foreground(&job, 0);
}

static void builtin_jobs(void)
{
	char what[64];

	reap();
	for (int i = 0; i < JOBS_MAX; i++)
		if (jobs[i].pid)
			printf("[%d] %s  %s\n", i + 1,
			       jobs[i].stopped ? describe(jobs[i].status, what, sizeof(what))
					       : "Running", jobs[i].cmd);
}

/* The job fg or bg names: %n or n, or the current job; 0 after a message. */
static int job_number(int argc, char **argv, const char *cmd)
{
	const char *arg = argc > 1 ? argv[1] : NULL;
	char *end;
	long n;

	if (!job_control) {
		fprintf(stderr, "sh: %s: no job control\n", cmd);
		return 0;
	}
	reap();
	if (!arg) {
		if (!current)
			fprintf(stderr, "sh: %s: no current job\n", cmd);
		return current;
	}
	n = strtol(arg + (*arg == '%'), &end, 10);
	if (end == arg + (*arg == '%') || *end || n < 1 || n > JOBS_MAX || !jobs[n - 1].pid) {
		fprintf(stderr, "sh: %s: %s: no such job\n", cmd, arg);
		return 0;
	}
	return (int)n;
}

/*
 * fg: the job gets the terminal, then goes on; the shell waits for it.
 * Its command line shows only once it has both: a SIGCONT discards the
 * stop signals pending for the job (POSIX), so a Ctrl-Z typed as soon as
 * the line shows would be lost if the SIGCONT came after it.
 */
static void builtin_fg(int argc, char **argv)
{
	int n = job_number(argc, argv, "fg");
	struct job *j;

	if (!n) {
		last_status = 1;
		return;
	}
	j = &jobs[n - 1];
	tcsetpgrp(STDIN_FILENO, j->pid);
	j->stopped = false;
	kill(-j->pid, SIGCONT);
	printf("%s\n", j->cmd);
	fflush(stdout);
	wait_foreground(j, n);
}

/* bg: a stopped job goes on in the background. */
static void builtin_bg(int argc, char **argv)
{
	int n = job_number(argc, argv, "bg");
	struct job *j;

	last_status = !n;
	if (!n)
		return;
	j = &jobs[n - 1];
	if (!j->stopped) {
		fprintf(stderr, "sh: bg: job %d already in background\n", n);
		return;
	}
	j->stopped = false;
	current = n;
	printf("[%d] %s &\n", n, j->cmd);
	kill(-j->pid, SIGCONT);
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
	} else if (strcmp(argv[0], "fg") == 0) {
		builtin_fg(argc, argv);
	} else if (strcmp(argv[0], "bg") == 0) {
		builtin_bg(argc, argv);
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
	char line[LINE_MAX];
	char *got;

	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		run_line(argv[2]);
		return last_status;
	}
	prompt = geteuid() == 0 ? "vrm# " : "vrm$ ";
	start_job_control();
	for (;;) {
		reap();
		fputs(prompt, stdout);
		/* From before the prompt shows: a key typed once it shows finds
		 * the shell at it. */
		at_prompt = 1;
		fflush(stdout);
		got = fgets(line, sizeof(line), stdin);
		at_prompt = 0;
		if (!got) {
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
