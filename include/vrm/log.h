/* SPDX-License-Identifier: MIT */
/* The kernel log: levels, CPU number and timebase stamp, kept in a ring. */
#ifndef VRM_LOG_H
#define VRM_LOG_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

#define LOG_EMERG	0
#define LOG_ERR		3
#define LOG_WARNING	4
#define LOG_INFO	6
#define LOG_DEBUG	7

/* Each file names its subsystem before including this header. */
#ifndef pr_fmt
#define pr_fmt ""
#endif

#define pr_emerg(fmt, ...)	klog(LOG_EMERG, pr_fmt fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	klog(LOG_ERR, pr_fmt fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	klog(LOG_WARNING, pr_fmt fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	klog(LOG_INFO, pr_fmt fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	klog(LOG_DEBUG, pr_fmt fmt, ##__VA_ARGS__)

struct log_record {
	uint64_t seq;
	uint64_t tb;
	unsigned int cpu;
	int level;
	char text[112];
};

/* Records a message; prints it on the console when its level is at or
 * below the console level and a console exists. */
void klog(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vklog(int level, const char *fmt, va_list ap);
/* Records a message in the ring only, for what was already printed raw. */
void klog_ring(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Console messages up to this level (LOG_INFO unless loglevel= says). */
void log_set_console_level(int level);
/* From now on messages go to the console as they are logged; everything
 * logged before, at the console level, is printed first. Called once the
 * banner is out, so the banner stays the first line; panic calls it too. */
void log_console_start(void);
/* For panic: the ring's lock may be held by the CPU that died. */
void log_break_lock(void);
/* Prints every record still in the ring from `first_seq` on, formatted as
 * on the console, through `out`. */
void log_replay(uint64_t first_seq, int max_level, void (*out)(const char *line));
/* Sequence number the next record will get. */
uint64_t log_next_seq(void);
/* Copies the record with sequence `seq` if it is still in the ring. */
int log_get(uint64_t seq, struct log_record *rec);
/* Formats a record as the console shows it. */
int log_format(const struct log_record *rec, char *buf, size_t size);

/* Raw console output, not logged: the banner, TAP, the monitor. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
