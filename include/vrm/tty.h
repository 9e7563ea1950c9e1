/* SPDX-License-Identifier: MIT */
/* The console as user space's terminal: line discipline and job control. */
#ifndef VRM_TTY_H
#define VRM_TTY_H

#include <stddef.h>
#include <uapi/sys/types.h>

/* The console becomes the terminal of session sid, group pgrp in its
 * foreground; its input goes through the line discipline from now on. */
void tty_attach(pid_t sid, pid_t pgrp);
/* Typed bytes, from the console driver's interrupt or poll. */
void tty_input(const char *s, size_t n);
/*
 * A task's read: up to n bytes of the next typed line, its newline
 * included; the rest of the line is left for the next read. 0 for an end
 * of file (Ctrl-D) at the start of a line. Sleeps until a line is there;
 * -ERESTART when a signal comes first, and for a reader in a background
 * group after sending it SIGTTIN; -EIO for one that would not stop.
 */
long tty_read(char *buf, size_t n);
/* TIOCGPGRP and TIOCSPGRP (<uapi/sys/ioctl.h>) with a user pointer. */
long tty_ioctl(unsigned long request, unsigned long arg);
#endif
