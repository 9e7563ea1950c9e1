/* SPDX-License-Identifier: MIT */
/* POSIX calls: descriptors, processes, the break, sleeping, sysconf(), getopt(). */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <stdint.h>
#include <uapi/sys/types.h>
#include <uapi/sys/sysconf.h>
#include <uapi/sys/file.h>
#include <bits/posix_opt.h>

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

/* The environment main() received, NULL-terminated. */
extern char **environ;

ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup2(int oldfd, int newfd);
int chdir(const char *path);
/* Fills buf with the absolute path of the working directory. */
char *getcwd(char *buf, size_t size);

void _exit(int status) __attribute__((noreturn));
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
/* execve with the current environment. */
int execv(const char *path, char *const argv[]);
/* As execv; a file name without '/' is looked up in /bin. */
int execvp(const char *file, char *const argv[]);

pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
/* Root may take any uid; another task only its own (else EPERM). */
int setuid(uid_t uid);
pid_t getpgid(pid_t pid);
/* pgid 0 makes pid (0: the caller) the leader of a new group; EPERM for a
 * session leader or a group of another session. */
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);
/* A new session and group led by the caller, without a terminal; EPERM
 * for a group leader. */
pid_t setsid(void);
pid_t getsid(pid_t pid);

/*
 * The terminal's foreground process group (docs/tty.md); fd must be the
 * console and the console the caller's terminal (else ENOTTY). A caller
 * in a background group that sets it is stopped by SIGTTOU unless it
 * blocks or ignores that; EINVAL for pgrp <= 0, EPERM for a group that is
 * not in the caller's session.
 */
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

/* brk sets the end of the data segment; sbrk moves it by incr bytes and
 * returns the old end, or (void *)-1 with ENOMEM. */
int brk(void *end);
void *sbrk(intptr_t incr);

/* Both return early when a signal is handled: sleep() then returns the
 * seconds left, usleep() -1 with EINTR. */
unsigned int sleep(unsigned int seconds);
int usleep(unsigned long usec);
/* Waits for a signal to be handled; returns -1 with EINTR. */
int pause(void);

/*
 * One of the _SC_ names: an option's _POSIX_ value (-1, errno untouched,
 * for one the SDK does not support), a limit of <limits.h> (-1, errno
 * untouched, for one without a limit), or the kernel's answer; -1 with
 * EINVAL for an unknown name.
 */
long sysconf(int name);

/*
 * Command-line options, as POSIX and AIX have them: flags in clusters
 * ("-ab"), arguments attached or in the next word ("-ofile", "-o file"),
 * "--" ends the options and parsing stops at the first operand (never
 * GNU's reordering of argv). To parse again, set optind to 1 (or 0,
 * which also forgets a cluster left half read, as in glibc).
 */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif /* _UNISTD_H */
