/* SPDX-License-Identifier: MIT */
/* The kernel monitor on the console, until user space has a shell. */
#ifndef VRM_MONITOR_H
#define VRM_MONITOR_H

/* Where a command's output goes: the console (NULL), or a test's buffer. */
struct monitor_out {
	void (*write)(const char *text, void *arg);
	void *arg;
};

void monitor_run(void) __attribute__((noreturn));
/* Runs one command line, printing to out; returns 0, or -1 for an
 * unknown command. */
int monitor_exec(char *line, const struct monitor_out *out);
/* printf to out (the console when NULL); pieces up to 256 bytes. */
void monitor_printf(const struct monitor_out *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the device tree under `path` (or all of it) as the `dt` command
 * does: 0, or -ENOENT when there is no such node. */
int dt_print(const char *path, const struct monitor_out *out);
#endif
