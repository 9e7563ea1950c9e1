/* SPDX-License-Identifier: MIT */
/* The kernel monitor on the console, until user space has a shell. */
#ifndef VRM_MONITOR_H
#define VRM_MONITOR_H

void monitor_run(void) __attribute__((noreturn));
/* Runs one command line; returns 0, or -1 for an unknown command. */
int monitor_exec(char *line);
/* Prints the tree under `path` (or all of it) as the `dt` command does. */
int fdt_print(const void *fdt, const char *path);
#endif
