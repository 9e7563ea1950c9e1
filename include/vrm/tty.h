/* SPDX-License-Identifier: MIT */
/* The console as user space's terminal: line discipline and job control. */
#ifndef VRM_TTY_H
#define VRM_TTY_H

#include <stddef.h>
#include <uapi/sys/types.h>

struct file;

/* The console becomes the terminal of session sid, group pgrp in its
 * foreground; its input goes through the line discipline from now on. */
void tty_attach(pid_t sid, pid_t pgrp);
/* Typed bytes, from the console driver's interrupt or poll. */
void tty_input(const char *s, size_t n);
/* The console as an open file (read, write, ioctl), with a new reference. */
struct file *tty_console_file(void);
#endif
