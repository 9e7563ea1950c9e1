/* SPDX-License-Identifier: MIT */
/* The system console: one output and one input path over a registered driver. */
#ifndef VRM_CONSOLE_H
#define VRM_CONSOLE_H

#include <stddef.h>
#include <stdbool.h>

struct console_driver {
	const char *name;
	/* Writes bytes, waiting while the device is busy. */
	void (*write)(const char *s, size_t n);
	/* Moves pending input into the console with console_input(). */
	void (*poll)(void);
};

void console_register(const struct console_driver *drv);
bool console_ready(void);
/* Writes, turning "\n" into "\r\n"; serialised across CPUs. */
void console_write(const char *s, size_t n);
/* Called by drivers with received bytes (from interrupt or poll). */
void console_input(const char *s, size_t n);
/* Next input byte, or -1 when none is pending. */
int console_trygetc(void);
/* Waits for the next input byte, idling the CPU in between. */
int console_getc(void);
/* Reads one line without its terminator, echoing if asked; returns its
 * length. Handles backspace. */
size_t console_readline(char *buf, size_t size, bool echo);
/*
 * A task's read of the console: a line as typed (echoed, backspace
 * handled), up to n bytes of it with the newline, the rest for the next
 * read; 0 for Ctrl-D on an empty line. Sleeps until a line is there;
 * -ERESTART when interrupted() says a signal came first.
 */
long console_read(char *buf, size_t n, bool (*interrupted)(void));
/* Lets panic print even if another CPU died holding the console lock. */
void console_break_lock(void);
#endif
