// SPDX-License-Identifier: MIT
/* The kernel log ring: every message with its level, CPU and timebase. */
#include <stdbool.h>
#include <string.h>
#include <arch/paca.h>
#include <arch/spinlock.h>
#include <arch/time.h>
#include <vrm/console.h>
#include <vrm/fmt.h>
#include <vrm/log.h>

#define LOG_SLOTS	512

static struct log_record ring[LOG_SLOTS];
static uint64_t next_seq;
static int console_level = LOG_INFO;
static bool console_started;
static spinlock_t log_lock = SPINLOCK_INIT;

void log_set_console_level(int level)
{
	console_level = level;
}

uint64_t log_next_seq(void)
{
	return next_seq;
}

int log_format(const struct log_record *rec, char *buf, size_t size)
{
	uint64_t us = tb_to_us(rec->tb - tb_boot);

	return snprintf(buf, size, "[%6lu.%06lu %u] %s", (unsigned long)(us / 1000000),
			(unsigned long)(us % 1000000), rec->cpu, rec->text);
}

int log_get(uint64_t seq, struct log_record *rec)
{
	unsigned long ee = spin_lock_irqsave(&log_lock);
	int found = seq < next_seq && seq + LOG_SLOTS >= next_seq;

	if (found)
		*rec = ring[seq % LOG_SLOTS];
	spin_unlock_irqrestore(&log_lock, ee);
	return found ? 0 : -1;
}

static void print_record(const struct log_record *rec)
{
	char line[160];
	int n = log_format(rec, line, sizeof(line));

	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	console_write(line, n);
	if (n == 0 || line[n - 1] != '\n')
		console_write("\n", 1);
}

static void record(int level, bool print, const char *fmt, va_list ap)
{
	struct log_record rec;
	unsigned long ee;

	rec.tb = mftb();
	rec.cpu = cpu_index();
	rec.level = level;
	vsnprintf(rec.text, sizeof(rec.text), fmt, ap);
	ee = spin_lock_irqsave(&log_lock);
	rec.seq = next_seq++;
	ring[rec.seq % LOG_SLOTS] = rec;
	spin_unlock_irqrestore(&log_lock, ee);
	if (print && console_started && level <= console_level && console_ready())
		print_record(&rec);
}

void vklog(int level, const char *fmt, va_list ap)
{
	record(level, true, fmt, ap);
}

void klog_ring(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(level, false, fmt, ap);
	va_end(ap);
}

void klog(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vklog(level, fmt, ap);
	va_end(ap);
}

void log_break_lock(void)
{
	log_lock.locked = 0;
}

void log_console_start(void)
{
	struct log_record rec;

	if (console_started || !console_ready())
		return;
	console_started = true;
	for (uint64_t seq = 0; seq < next_seq; seq++)
		if (!log_get(seq, &rec) && rec.level <= console_level)
			print_record(&rec);
}

void log_replay(uint64_t first_seq, int max_level, void (*out)(const char *line))
{
	struct log_record rec;
	char line[160];

	for (uint64_t seq = first_seq; seq < next_seq; seq++) {
		if (log_get(seq, &rec) || rec.level > max_level)
			continue;
		log_format(&rec, line, sizeof(line));
		out(line);
	}
}

static void console_sink(void *ctx, const char *s, size_t n)
{
	console_write(s, n);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfmt(console_sink, NULL, fmt, ap);
	va_end(ap);
}
