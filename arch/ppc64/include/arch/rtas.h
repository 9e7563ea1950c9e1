/* SPDX-License-Identifier: MIT */
/* RTAS: an enum-indexed table of calls, one serialised rtas_call. */
#ifndef ARCH_RTAS_H
#define ARCH_RTAS_H

#include <stdint.h>

/* RTAS status values (LoPAR "RTAS Call Return Values"). */
#define RTAS_OK			0
#define RTAS_NO_ERRORS_FOUND	1	/* check-exception, event-scan: no log */
#define RTAS_HW_ERROR		(-1)
#define RTAS_BUSY		(-2)
#define RTAS_PARAM_ERROR	(-3)
#define RTAS_NOT_AVAILABLE	(-10)	/* vrm's own: no token for this call */
#define RTAS_EXTENDED_DELAY_FIRST	9900
#define RTAS_EXTENDED_DELAY_LAST	9905

enum rtas_fn {
	RTAS_POWER_OFF,
	RTAS_SYSTEM_REBOOT,
	RTAS_OS_TERM,
	RTAS_GET_TIME_OF_DAY,
	RTAS_START_CPU,
	RTAS_STOP_SELF,
	RTAS_QUERY_CPU_STOPPED_STATE,
	RTAS_SET_XIVE,
	RTAS_GET_XIVE,
	RTAS_INT_ON,
	RTAS_INT_OFF,
	RTAS_CHECK_EXCEPTION,
	RTAS_EVENT_SCAN,
	RTAS_SET_INDICATOR,
	RTAS_GET_SENSOR_STATE,
	RTAS_CONFIGURE_CONNECTOR,
	RTAS_DISPLAY_CHARACTER,
	RTAS_NVRAM_FETCH,
	RTAS_NVRAM_STORE,
	RTAS_FN_COUNT
};

/*
 * check-exception (LoPAR "RTAS Call Definitions", "check-exception"): its
 * mask has one bit per event class, counted from the most significant
 * ("RTAS Error and Event Classes": internal errors 0, EPOW 1, hot plug 3,
 * I/O 4); an external interrupt is named by its vector offset. A log
 * buffer holds rtas_error_log_max() bytes.
 */
#define RTAS_EVENT_HOTPLUG		0x10000000	/* bit 3 */
#define RTAS_VECTOR_EXTERNAL		0x500
#define RTAS_ERROR_LOG_MAX		2048	/* what LoPAR asks for version-6 logs */

struct rtc_time {
	unsigned int year, month, day, hour, min, sec, nsec;
};

/* Reads /rtas from the device tree: entry, base and every call's token.
 * Returns 0, or a negative errno when RTAS is unusable. */
int rtas_init(void);

/* Token of a call, or 0 when the platform lacks it. */
uint32_t rtas_token(enum rtas_fn fn);
const char *rtas_name(enum rtas_fn fn);

/*
 * Makes one RTAS call with nargs input cells (the variadic uint32_t
 * arguments) and nret output cells; out[] receives outputs 1..nret-1 (may
 * be NULL). Returns the raw RTAS status. Serialised by one lock; callable
 * with interrupts on or off; retries while RTAS reports busy.
 */
int rtas_call(enum rtas_fn fn, int nargs, int nret, uint32_t *out, ...);

/* For panic: later calls use a block of their own and take no lock, since
 * the lock may be held by a CPU that will never release it. */
void rtas_enter_panic(void);

/* Translation of a raw RTAS status to a negative errno (0 stays 0). */
int rtas_errno(int status);

/* /rtas rtas-error-log-max, at most RTAS_ERROR_LOG_MAX (which it is when
 * the tree does not say). */
unsigned int rtas_error_log_max(void);

/*
 * check-exception for external interrupt `irq` of an event source: the
 * first pending log of the classes in `mask` (RTAS_EVENT_*) is copied
 * into buf, cut to len bytes; buf must lie in the kernel image, whose
 * real addresses RTAS can reach (below 4 GiB, in the RMA). Returns 1 when
 * a log was copied, 0 when none is pending, a negative errno when RTAS
 * failed (-EIO for its hardware error) or buf lies out of its reach.
 * Callable from a thread or with interrupts off.
 */
int rtas_check_exception(unsigned int irq, uint32_t mask, void *buf, unsigned int len);

int rtas_get_time_of_day(struct rtc_time *t);
void rtas_power_off(void) __attribute__((noreturn));
void rtas_system_reboot(void) __attribute__((noreturn));
void rtas_os_term(const char *msg) __attribute__((noreturn));
#endif
