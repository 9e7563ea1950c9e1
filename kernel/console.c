// SPDX-License-Identifier: MIT
/* The console: serialised output with CRLF, and a ring of pending input. */
#include <arch/ppc.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <string.h>
#include <arch/spinlock.h>
#include <vrm/console.h>
#include <vrm/errno.h>
#include <vrm/sched.h>

#define INPUT_SIZE	1024

static const struct console_driver *driver;
static spinlock_t out_lock = SPINLOCK_INIT;
static spinlock_t in_lock = SPINLOCK_INIT;
static char input[INPUT_SIZE];
static volatile unsigned int in_head, in_tail;

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

	for (size_t i = 0; i < n; i++) {
		/* When full, the newest bytes are dropped: input is typed by a
		 * person or the test runner, both of which wait for answers. */
		if (in_head - in_tail >= INPUT_SIZE)
			break;
		input[in_head++ % INPUT_SIZE] = s[i];
	}
	spin_unlock_irqrestore(&in_lock, ee);
	if (n)
		wakeup(&input);
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

/* The line being typed for a task's read, and what is left of the last
 * one; one reader at a time. */
static char line[INPUT_SIZE];
static size_t line_len, line_pos;
static bool line_done;
static spinlock_t reader_lock = SPINLOCK_INIT;

static bool input_pending(void *arg)
{
	(void)arg;
	return in_head != in_tail;
}

/* Moves typed bytes into the line, echoing them; true once it is complete. */
static bool edit_line(void)
{
	int c;

	while (!line_done && (c = console_trygetc()) >= 0) {
		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			line[line_len++] = '\n';
			line_done = true;
		} else if (c == 0x7f || c == '\b') {
			if (line_len > 0) {
				line_len--;
				console_write("\b \b", 3);
			}
		} else if (c == 0x04) {		/* Ctrl-D: end of file on an empty line */
			line_done = true;
		} else if (c >= ' ' && line_len + 1 < sizeof(line)) {
			line[line_len++] = (char)c;
			console_write(line + line_len - 1, 1);
		}
	}
	return line_done;
}

long console_read(char *buf, size_t n, bool (*interrupted)(void))
{
	long got;

	for (;;) {
		unsigned long ee = spin_lock_irqsave(&reader_lock);
		bool done = edit_line();

		if (done) {
			got = (long)(line_len - line_pos < n ? line_len - line_pos : n);
			memcpy(buf, line + line_pos, (size_t)got);
			line_pos += (size_t)got;
			if (line_pos == line_len)
				line_len = line_pos = 0, line_done = false;
			spin_unlock_irqrestore(&reader_lock, ee);
			return got;
		}
		spin_unlock_irqrestore(&reader_lock, ee);
		if (interrupted())
			return -ERESTART;
		/* Poll-driven drivers bring input at the tick; a timed sleep
		 * keeps looking for it. */
		thread_sleep_until(&input, input_pending, NULL, mftb() + tb_per_tick);
	}
}
