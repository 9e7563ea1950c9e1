/* SPDX-License-Identifier: MIT */
/* RTAS: an enum-indexed table of calls, one serialised rtas_call. */
#ifndef ARCH_RTAS_H
#define ARCH_RTAS_H

#include <stdint.h>
#include <vrm/endian.h>

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

/*
 * Dynamic reconfiguration (LoPAR ch_dynamic_reconfig.xml, "get-sensor-state
 * Defined Sensors for All DR Options" and "set-indicator Defined
 * Indicators for all DR Options"): a DR connector is named by its index
 * from ibm,drc-indexes; the sensor and indicators take these values.
 */
#define RTAS_INDICATOR_ISOLATION	9001	/* isolation-state */
#define   RTAS_ISOLATE			0
#define   RTAS_UNISOLATE		1
#define RTAS_INDICATOR_ALLOCATION	9003	/* allocation-state (logical DRCs) */
#define   RTAS_ALLOC_UNUSABLE		0
#define   RTAS_ALLOC_USABLE		1
#define RTAS_SENSOR_DR_ENTITY		9003	/* dr-entity-sense */
#define   RTAS_ENTITY_EMPTY		0
#define   RTAS_ENTITY_PRESENT		1
#define   RTAS_ENTITY_UNUSABLE		2

/*
 * ibm,configure-connector ("ibm,configure-connector RTAS Call"): each call
 * reports the next piece of the connector's device-tree subtree, depth
 * first, through a work area of one 4 KiB page that the caller sets up
 * once (the DRC index, then 0) and hands back unmodified on every call.
 */
#define RTAS_CC_DONE			0	/* configuration complete */
#define RTAS_CC_NEXT_SIBLING		1	/* a node: name_offset */
#define RTAS_CC_NEXT_CHILD		2	/* a node: name_offset */
#define RTAS_CC_NEXT_PROPERTY		3	/* name_offset, length, value_offset */
#define RTAS_CC_PREV_PARENT		4	/* back up one level */
#define RTAS_CC_MORE_MEMORY		5	/* wants another page: not given */
#define RTAS_CC_WORK_AREA_SIZE		4096

struct rtas_cc_work_area {
	be32 drc_index;
	be32 zero;
	be32 name_offset;	/* offsets are bytes from the work area's start */
	be32 length;
	be32 value_offset;
	uint8_t data[RTAS_CC_WORK_AREA_SIZE - 5 * sizeof(be32)];
};

/* query-cpu-stopped-state's CPU status ("query-cpu-stopped state"). */
#define RTAS_CPU_STOPPED		0
#define RTAS_CPU_STOPPING		1
#define RTAS_CPU_RUNNING		2

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

/*
 * The calls of dynamic reconfiguration and of starting and stopping CPUs,
 * one typed wrapper each. They return the raw RTAS status (RTAS_OK, or
 * the call's own codes), for the caller to log and translate with
 * rtas_errno at its edge; busy and extended delay are retried inside.
 * From a thread (they take the RTAS lock), stop-self aside.
 */
/* get-sensor-state: *state gets the sensor's value on RTAS_OK. */
int rtas_get_sensor_state(uint32_t sensor, uint32_t index, uint32_t *state);
/* set-indicator: indicator `indicator` of connector `index` to `value`. */
int rtas_set_indicator(uint32_t indicator, uint32_t index, uint32_t value);
/* ibm,configure-connector with the work area `wa`, which must lie in the
 * kernel image (below 4 GiB, in the RMA) and be page aligned: RTAS_CC_*
 * or a negative status (-9003: the connector is not usable, LoPAR). */
int rtas_configure_connector(struct rtas_cc_work_area *wa);
/* start-cpu: the stopped hardware thread `server` starts at real address
 * `entry`, big-endian in real mode, with r3 = `r3`. */
int rtas_start_cpu(uint32_t server, uint32_t entry, uint32_t r3);
/* query-cpu-stopped-state of thread `server`: *state gets RTAS_CPU_*. */
int rtas_query_cpu_stopped_state(uint32_t server, uint32_t *state);
/*
 * stop-self: the calling thread stops for good (until a start-cpu), with
 * interrupts off. It does not take the RTAS lock, which it could never
 * give back, and uses an argument block of its own that no caller writes
 * (LoPAR "stop-self": zero inputs, one status). Returns only if the call
 * failed, with its status.
 */
int rtas_stop_self(void);

int rtas_get_time_of_day(struct rtc_time *t);
void rtas_power_off(void) __attribute__((noreturn));
void rtas_system_reboot(void) __attribute__((noreturn));
void rtas_os_term(const char *msg) __attribute__((noreturn));
#endif
