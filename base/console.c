// SPDX-License-Identifier: MIT
/* The console: serialised output with CRLF, input for the kernel or the terminal. */

/*
 * Input goes to a ring for the kernel's own readers (the monitor, test
 * hosts) until user space runs; then to the handler the terminal sets.
 */
#include <arch/ppc.h>
#include <arch/smp.h>
#include <arch/spinlock.h>
#include <vrm/console.h>

#define INPUT_SIZE	1024

static const struct console_driver *driver;
static spinlock_t out_lock = SPINLOCK_INIT;
static spinlock_t in_lock = SPINLOCK_INIT;
static char input[INPUT_SIZE];
static volatile unsigned int in_head, in_tail;
/* Takes input instead of the ring once user space has the console. */
static void (*input_handler)(const char *s, size_t n);

void console_register(const struct console_driver *drv)
{
	driver = drv;
}

bool console_ready(void)
{
	return driver != NULL;
}

void console_break_lock(void)
{
	out_lock.locked = 0;
}

void console_write(const char *s, size_t n)
{
	unsigned long ee;
	size_t start = 0;

	if (!driver)
		return;
	ee = spin_lock_irqsave(&out_lock);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		driver->write(s + start, i - start);
		driver->write("\r\n", 2);
		start = i + 1;
	}
	driver->write(s + start, n - start);
	spin_unlock_irqrestore(&out_lock, ee);
}

void console_input(const char *s, size_t n)
{
	unsigned long ee = spin_lock_irqsave(&in_lock);
	void (*handler)(const char *s, size_t n) = input_handler;

	if (handler) {
		spin_unlock_irqrestore(&in_lock, ee);
		handler(s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		/* When full, the newest bytes are dropped: input is typed by a
		 * person or the test runner, both of which wait for answers. */
		if (in_head - in_tail >= INPUT_SIZE)
			break;
		input[in_head++ % INPUT_SIZE] = s[i];
	}
	spin_unlock_irqrestore(&in_lock, ee);
}

void console_set_input(void (*handler)(const char *s, size_t n))
{
	unsigned long ee = spin_lock_irqsave(&in_lock);
	char pending[INPUT_SIZE];
	size_t n = 0;

	/* What was typed before goes first, so nothing is taken out of order. */
	while (in_head != in_tail)
		pending[n++] = input[in_tail++ % INPUT_SIZE];
	if (n)
		handler(pending, n);
	input_handler = handler;
	spin_unlock_irqrestore(&in_lock, ee);
}

void console_poll(void)
{
	if (driver && driver->poll)
		driver->poll();
}

int console_trygetc(void)
{
	unsigned long ee;
	int c = -1;

	if (driver && driver->poll && in_head == in_tail)
		driver->poll();
	ee = spin_lock_irqsave(&in_lock);
	if (in_head != in_tail)
		c = (unsigned char)input[in_tail++ % INPUT_SIZE];
	spin_unlock_irqrestore(&in_lock, ee);
	return c;
}

int console_getc(void)
{
	for (;;) {
		/* Checked with interrupts off: input arriving after the check
		 * ends the idle wait at once (by interrupt, or by the next
		 * tick's poll). */
		unsigned long ee = irq_save();
		int c = console_trygetc();

		if (c < 0)
			arch_cpu_idle();
		irq_restore(ee);
		if (c >= 0)
			return c;
	}
}

size_t console_readline(char *buf, size_t size, bool echo)
{
	size_t len = 0;

	for (;;) {
		int c = console_getc();

		if (c == '\r' || c == '\n') {
			if (echo)
				console_write("\n", 1);
			break;
		}
		if (c == 0x7f || c == '\b') {
			if (len > 0) {
				len--;
				if (echo)
					console_write("\b \b", 3);
			}
			continue;
		}
		if (c < ' ' || len + 1 >= size)
			continue;
		buf[len++] = (char)c;
		if (echo)
			console_write(buf + len - 1, 1);
	}
	buf[len] = 0;
	return len;
}
