/* SPDX-License-Identifier: MIT */
/* The console as user space's terminal: its file, its input, the job control it asks. */
#ifndef VRM_TTY_H
#define VRM_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <uapi/sys/types.h>

struct file;

/*
 * What the terminal needs from the tasks above it. fs/ calls nothing in
 * kernel/proc/ by name: proc/ (jobctl.c) hands these over in tty_attach.
 * Each acts for the calling thread; signal_foreground may be called from
 * the console's interrupt.
 */
struct tty_job_control {
	/* Ctrl-C, Ctrl-\ or Ctrl-Z was typed: sig to the foreground group. */
	void (*signal_foreground)(int sig);
	/* Before a read: 0; or, for a reader in a background group of the
	 * console's session, -ERESTART once its group has SIGTTIN, -EIO when
	 * it would not stop. */
	long (*may_read)(void);
	/* Whether a signal (or its thread's end) must end a waiting read. */
	bool (*signal_pending)(void);
	/* tcgetpgrp: the foreground group, or -ENOTTY when the console is
	 * not the caller's terminal. */
	long (*get_foreground)(pid_t *pgrp);
	/* tcsetpgrp of a group id > 0: 0, -ENOTTY, -ERESTART or -EIO (a
	 * caller in the background, as may_read with SIGTTOU), -EPERM (a
	 * group not in the console's session). */
	long (*set_foreground)(pid_t pgrp);
};

/* The console becomes a terminal whose job control is jc's; its input
 * goes through the line discipline from now on. */
void tty_attach(const struct tty_job_control *jc);
/* Typed bytes, from the console driver's interrupt or poll. */
void tty_input(const char *s, size_t n);
/* The console as an open file (read, write, ioctl), with a new reference. */
struct file *tty_console_file(void);
#endif
