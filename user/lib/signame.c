/* SPDX-License-Identifier: MIT */
/* Signal names and descriptions: sig2str, str2sig, strsignal. */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	int sig;
	const char *name;	/* without "SIG" */
	const char *text;	/* strsignal's, as glibc's where both have it */
} signals[] = {
	{ SIGHUP, "HUP", "Hangup" },
	{ SIGINT, "INT", "Interrupt" },
	{ SIGQUIT, "QUIT", "Quit" },
	{ SIGILL, "ILL", "Illegal instruction" },
	{ SIGTRAP, "TRAP", "Trace/breakpoint trap" },
	{ SIGABRT, "ABRT", "Aborted" },
	{ SIGEMT, "EMT", "EMT trap" },
	{ SIGFPE, "FPE", "Floating point exception" },
	{ SIGKILL, "KILL", "Killed" },
	{ SIGBUS, "BUS", "Bus error" },
	{ SIGSEGV, "SEGV", "Segmentation fault" },
	{ SIGSYS, "SYS", "Bad system call" },
	{ SIGPIPE, "PIPE", "Broken pipe" },
	{ SIGALRM, "ALRM", "Alarm clock" },
	{ SIGTERM, "TERM", "Terminated" },
	{ SIGURG, "URG", "Urgent I/O condition" },
	{ SIGSTOP, "STOP", "Stopped (signal)" },
	{ SIGTSTP, "TSTP", "Stopped" },
	{ SIGCONT, "CONT", "Continued" },
	{ SIGCHLD, "CHLD", "Child exited" },
	{ SIGTTIN, "TTIN", "Stopped (tty input)" },
	{ SIGTTOU, "TTOU", "Stopped (tty output)" },
	{ SIGIO, "IO", "I/O possible" },
	{ SIGXCPU, "XCPU", "CPU time limit exceeded" },
	{ SIGXFSZ, "XFSZ", "File size limit exceeded" },
	{ SIGMSG, "MSG", "Input device data" },
	{ SIGWINCH, "WINCH", "Window changed" },
	{ SIGPWR, "PWR", "Power failure" },
	{ SIGUSR1, "USR1", "User defined signal 1" },
	{ SIGUSR2, "USR2", "User defined signal 2" },
	{ SIGPROF, "PROF", "Profiling timer expired" },
	{ SIGDANGER, "DANGER", "Paging space low" },
	{ SIGVTALRM, "VTALRM", "Virtual timer expired" },
	{ SIGMIGRATE, "MIGRATE", "Migrate process" },
	{ SIGPRE, "PRE", "Programming exception" },
	{ SIGVIRT, "VIRT", "Virtual time alarm" },
	{ SIGTALRM, "TALRM", "Thread time alarm" },
	{ SIGWAITING, "WAITING", "Thread waiting" },
	{ SIGRECONFIG, "RECONFIG", "Reconfiguration" },
	{ SIGCPUFAIL, "CPUFAIL", "CPU failure predicted" },
	{ SIGKAP, "KAP", "Keep alive poll" },
	{ SIGRETRACT, "RETRACT", "Monitor mode retracted" },
	{ SIGSOUND, "SOUND", "Sound completed" },
	{ SIGSAK, "SAK", "Secure attention key" },
};

#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

static int find(int sig)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		if (signals[i].sig == sig)
			return (int)i;
	return -1;
}

int sig2str(int sig, char *str)
{
	int i = find(sig);

	if (i >= 0) {
		strcpy(str, signals[i].name);
		return 0;
	}
	if (sig < 1 || sig > SIGMAX)
		return -1;
	snprintf(str, SIG2STR_MAX, "%d", sig);
	return 0;
}

int str2sig(const char *restrict str, int *restrict sig)
{
	char *end;
	unsigned long n;

	if (strncmp(str, "SIG", 3) == 0)
		str += 3;
	for (size_t i = 0; i < NSIGNALS; i++)
		if (strcmp(str, signals[i].name) == 0) {
			*sig = signals[i].sig;
			return 0;
		}
	if (*str < '0' || *str > '9')
		return -1;
	n = strtoul(str, &end, 10);
	if (*end || n < 1 || n > SIGMAX)
		return -1;
	*sig = (int)n;
	return 0;
}

char *strsignal(int sig)
{
	static char unknown[32];
	int i = find(sig);

	if (i >= 0)
		return (char *)signals[i].text;
	snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
	return unknown;
}
