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
/* From now on input goes to handler (user space's terminal) instead of
 * the ring the functions below read; bytes still in the ring go first. */
void console_set_input(void (*handler)(const char *s, size_t n));
/* Asks a driver without an input interrupt for what has arrived. */
void console_poll(void);
/* Next input byte, or -1 when none is pending. */
int console_trygetc(void);
/* Waits for the next input byte, idling the CPU in between. */
int console_getc(void);
/* Reads one line without its terminator, echoing if asked; returns its
 * length. Handles backspace. For the kernel monitor and test hosts. */
size_t console_readline(char *buf, size_t size, bool echo);
/* Lets panic print even if another CPU died holding the console lock. */
void console_break_lock(void);
#endif
