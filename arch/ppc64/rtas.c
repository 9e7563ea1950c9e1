// SPDX-License-Identifier: MIT
/* RTAS calls through the instantiated blob (LoPAR "RTAS Call Environment"). */
#define pr_fmt "rtas: "
#include <stdarg.h>
#include <string.h>
#include <arch/fwcall.h>
#include <arch/memlayout.h>
#include <arch/ppc.h>
#include <arch/rtas.h>
#include <arch/spinlock.h>
#include <arch/time.h>
#include <vrm/dt.h>
#include <vrm/endian.h>
#include <vrm/errno.h>
#include <vrm/log.h>

static const char *const names[RTAS_FN_COUNT] = {
	[RTAS_POWER_OFF] = "power-off",
	[RTAS_SYSTEM_REBOOT] = "system-reboot",
	[RTAS_OS_TERM] = "ibm,os-term",
	[RTAS_GET_TIME_OF_DAY] = "get-time-of-day",
	[RTAS_START_CPU] = "start-cpu",
	[RTAS_STOP_SELF] = "stop-self",
	[RTAS_QUERY_CPU_STOPPED_STATE] = "query-cpu-stopped-state",
	[RTAS_SET_XIVE] = "ibm,set-xive",
	[RTAS_GET_XIVE] = "ibm,get-xive",
	[RTAS_INT_ON] = "ibm,int-on",
	[RTAS_INT_OFF] = "ibm,int-off",
	[RTAS_CHECK_EXCEPTION] = "check-exception",
	[RTAS_EVENT_SCAN] = "event-scan",
	[RTAS_SET_INDICATOR] = "set-indicator",
	[RTAS_GET_SENSOR_STATE] = "get-sensor-state",
	[RTAS_CONFIGURE_CONNECTOR] = "ibm,configure-connector",
	[RTAS_DISPLAY_CHARACTER] = "display-character",
	[RTAS_NVRAM_FETCH] = "nvram-fetch",
	[RTAS_NVRAM_STORE] = "nvram-store",
};

/* The argument block: token, counts, inputs then outputs, big-endian, at a
 * real address RTAS can reach (the kernel image lies in the RMA). */
struct rtas_args {
	be32 token;
	be32 nargs;
	be32 nret;
	be32 cell[16];
};

static uint32_t tokens[RTAS_FN_COUNT];
static uint32_t rtas_base, rtas_entry;
static uint32_t error_log_max = RTAS_ERROR_LOG_MAX;
static struct rtas_args args, panic_args, stop_self_args;
static char os_term_msg[128];
static spinlock_t rtas_lock = SPINLOCK_INIT;
static bool panicking;

int rtas_init(void)
{
	struct dt_node node = dt_find_by_path(dt_root(), "/rtas");
	int i;

	if (!dt_node_ok(node)) {
		pr_err("no /rtas node\n");
		return -ENODEV;
	}
	if (dt_prop_u32(node, "linux,rtas-base", &rtas_base)) {
		pr_err("RTAS was not instantiated\n");
		return -ENODEV;
	}
	rtas_entry = rtas_base;
	dt_prop_u32(node, "linux,rtas-entry", &rtas_entry);
	dt_prop_u32(node, "rtas-error-log-max", &error_log_max);
	if (error_log_max > RTAS_ERROR_LOG_MAX)
		error_log_max = RTAS_ERROR_LOG_MAX;
	for (i = 0; i < RTAS_FN_COUNT; i++) {
		tokens[i] = 0;	/* a call the firmware does not offer */
		dt_prop_u32(node, names[i], &tokens[i]);
	}
	/* Written once, here: the CPUs that stop share it and only read it
	 * (RTAS writes its status only when the call fails). */
	stop_self_args = (struct rtas_args){ .token = cpu_to_be32(tokens[RTAS_STOP_SELF]),
					     .nargs = cpu_to_be32(0), .nret = cpu_to_be32(1) };
	return 0;
}

uint32_t rtas_token(enum rtas_fn fn)
{
	return fn < RTAS_FN_COUNT ? tokens[fn] : 0;
}

const char *rtas_name(enum rtas_fn fn)
{
	return fn < RTAS_FN_COUNT ? names[fn] : "?";
}

/* RTAS busy (-2): try again now; extended delay 990x: wait 10^x ms first. */
static int rtas_should_retry(int status)
{
	uint64_t ms = 1;

	if (status == RTAS_BUSY)
		return 1;
	if (status < RTAS_EXTENDED_DELAY_FIRST || status > RTAS_EXTENDED_DELAY_LAST)
		return 0;
	for (int i = RTAS_EXTENDED_DELAY_FIRST; i < status; i++)
		ms *= 10;
	tb_delay(ms * tb_freq / 1000);
	return 1;
}

void rtas_enter_panic(void)
{
	panicking = true;
}

static int rtas_call_block(struct rtas_args *a, uint32_t token, int nargs, int nret,
			   uint32_t *out, va_list ap)
{
	int i, status;

	a->token = cpu_to_be32(token);
	a->nargs = cpu_to_be32(nargs);
	a->nret = cpu_to_be32(nret);
	for (i = 0; i < nargs; i++)
		a->cell[i] = cpu_to_be32(va_arg(ap, uint32_t));
	for (i = 0; i < nret; i++)
		a->cell[nargs + i] = cpu_to_be32(0);
	fw_call(rtas_entry, pa(a), rtas_base);
	status = nret ? (int32_t)be32_to_cpu(a->cell[nargs]) : 0;
	for (i = 1; out && i < nret; i++)
		out[i - 1] = be32_to_cpu(a->cell[nargs + i]);
	return status;
}

static int rtas_call_once(uint32_t token, int nargs, int nret, uint32_t *out, va_list ap)
{
	unsigned long ee;
	int status;

	if (panicking)
		return rtas_call_block(&panic_args, token, nargs, nret, out, ap);
	ee = spin_lock_irqsave(&rtas_lock);
	status = rtas_call_block(&args, token, nargs, nret, out, ap);
	spin_unlock_irqrestore(&rtas_lock, ee);
	return status;
}

int rtas_call(enum rtas_fn fn, int nargs, int nret, uint32_t *out, ...)
{
	uint32_t token = rtas_token(fn);
	va_list ap;
	int status;

	if (!token || nargs + nret > 16)
		return RTAS_NOT_AVAILABLE;
	do {
		va_start(ap, out);
		status = rtas_call_once(token, nargs, nret, out, ap);
		va_end(ap);
	} while (rtas_should_retry(status));
	return status;
}

int rtas_errno(int status)
{
	switch (status) {
	case RTAS_OK:
		return 0;
	case RTAS_PARAM_ERROR:
		return -EINVAL;
	case RTAS_NOT_AVAILABLE:
		return -ENOSYS;
	case RTAS_BUSY:
		return -EBUSY;
	default:
		return -EIO;
	}
}

unsigned int rtas_error_log_max(void)
{
	return error_log_max;
}

int rtas_check_exception(unsigned int irq, uint32_t mask, void *buf, unsigned int len)
{
	extern char _image_start[], _image_end[];
	int status;

	if (pa(buf) < pa(_image_start) || pa(buf) + len > pa(_image_end))
		return -EFAULT;
	/* Vector offset, additional information (the interrupt number for an
	 * external interrupt), the class mask, critical (0: a full log is
	 * wanted), the buffer and its length. */
	status = rtas_call(RTAS_CHECK_EXCEPTION, 6, 1, NULL, (uint32_t)RTAS_VECTOR_EXTERNAL, irq,
			   mask, 0u, (uint32_t)pa(buf), len);
	if (status == RTAS_OK)
		return 1;
	if (status == RTAS_NO_ERRORS_FOUND)
		return 0;
	return rtas_errno(status);
}

int rtas_get_sensor_state(uint32_t sensor, uint32_t index, uint32_t *state)
{
	return rtas_call(RTAS_GET_SENSOR_STATE, 2, 2, state, sensor, index);
}

int rtas_set_indicator(uint32_t indicator, uint32_t index, uint32_t value)
{
	return rtas_call(RTAS_SET_INDICATOR, 3, 1, NULL, indicator, index, value);
}

int rtas_configure_connector(struct rtas_cc_work_area *wa)
{
	/* The work area's real address, then the memory extent: 0, no page
	 * beyond the first (LoPAR "ibm,configure-connector Argument Call
	 * Buffer"). */
	return rtas_call(RTAS_CONFIGURE_CONNECTOR, 2, 1, NULL, (uint32_t)pa(wa), 0u);
}

int rtas_start_cpu(uint32_t server, uint32_t entry, uint32_t r3)
{
	return rtas_call(RTAS_START_CPU, 3, 1, NULL, server, entry, r3);
}

int rtas_query_cpu_stopped_state(uint32_t server, uint32_t *state)
{
	return rtas_call(RTAS_QUERY_CPU_STOPPED_STATE, 1, 2, state, server);
}

int rtas_stop_self(void)
{
	if (!tokens[RTAS_STOP_SELF])
		return RTAS_NOT_AVAILABLE;
	fw_call(rtas_entry, pa(&stop_self_args), rtas_base);
	return (int32_t)be32_to_cpu(stop_self_args.cell[0]);
}

int rtas_get_time_of_day(struct rtc_time *t)
{
	uint32_t o[7];
	int status = rtas_call(RTAS_GET_TIME_OF_DAY, 0, 8, o);

	if (status)
		return rtas_errno(status);
	*t = (struct rtc_time){ o[0], o[1], o[2], o[3], o[4], o[5], o[6] };
	return 0;
}

void rtas_power_off(void)
{
	int status = rtas_call(RTAS_POWER_OFF, 2, 1, NULL, 0u, 0u);

	/* Raw, not logged: the log may not reach the console yet. */
	kprintf("vrm: power-off failed (%d); halted\n", status);
	irq_disable();
	for (;;)
		cpu_relax();
}

void rtas_system_reboot(void)
{
	int status = rtas_call(RTAS_SYSTEM_REBOOT, 0, 1, NULL);

	pr_emerg("system-reboot returned %d\n", status);
	rtas_power_off();
}

/* ibm,os-term reports the reason to the platform; QEMU then stops the
 * machine. Falls back to power-off where the call is missing or returns. */
void rtas_os_term(const char *msg)
{
	strlcpy(os_term_msg, msg, sizeof(os_term_msg));
	rtas_call(RTAS_OS_TERM, 1, 1, NULL, (uint32_t)pa(os_term_msg));
	rtas_power_off();
}
