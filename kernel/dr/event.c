// SPDX-License-Identifier: MIT
/* The hot-plug event path: interrupt, check-exception, decoded event queued. */

/*
 * LoPAR "Hot Plug Events": an OS that set the hot-plug interrupt bit in
 * CAS option vector 5 enables the interrupts listed in the "interrupts"
 * property of /event-sources/hot-plug-events and calls check-exception
 * when one arrives, with the hot-plug class in the mask, until no log is
 * left. The interrupt handler only marks its source and wakes this
 * file's thread: RTAS calls serialise behind one lock, and what follows
 * a decoded event (acquiring the DRC, configure-connector) sleeps.
 *
 * QEMU raises the interrupt as an edge (a message interrupt) for each log
 * it queues and raises it again after a check-exception that leaves logs
 * behind, so draining until check-exception finds none loses nothing.
 */
#define pr_fmt "dr: "
#include <stdint.h>
#include <string.h>
#include <arch/irq.h>
#include <arch/rtas.h>
#include <vrm/dr.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/rtas_event.h>
#include <vrm/sched.h>
#include <vrm/wait.h>
#include "dr_impl.h"

#define OV5_HP_EVT_BYTE		6	/* option vector 5, byte 6 ... */
#define OV5_HP_EVT_BIT		0x04	/* ... bit 5: hot-plug interrupts */
#define MAX_SOURCES		4
#define MAX_CELLS		(MAX_SOURCES * 2)
#define LOGS_PER_WAKE		32	/* then other threads get a turn */

static unsigned int source_irq[MAX_SOURCES];
static unsigned int nr_sources;
static unsigned long pending;		/* a bit per source that fired */
static struct wait_queue event_wait = WAIT_QUEUE_INIT;
static uint8_t log_buf[RTAS_ERROR_LOG_MAX];	/* in the image, for RTAS */

/* Interrupt context: as little as can be. */
static void hotplug_interrupt(unsigned int irq, void *arg)
{
	__atomic_or_fetch(&pending, 1ul << (uintptr_t)arg, __ATOMIC_RELEASE);
	wake_one(&event_wait);
}

static bool events_pending(void *arg)
{
	return __atomic_load_n(&pending, __ATOMIC_ACQUIRE) != 0;
}

int dr_event_log(const void *log, size_t len)
{
	struct rtas_hotplug ev;
	char why[96], line[80];
	int err = rtas_hotplug_decode(log, len, &ev, why, sizeof(why));

	if (err) {
		pr_warn("event log dropped: %s\n", why);
		return err;
	}
	err = dr_queue_put(&ev);
	if (err) {
		rtas_hotplug_describe(&ev, line, sizeof(line));
		pr_warn("event queue full: %s dropped\n", line);
	}
	return err;
}

/* check-exception until it has no log left for this source; true when
 * it stopped at LOGS_PER_WAKE with logs perhaps left. */
static bool drain(unsigned int source)
{
	unsigned int irq = source_irq[source];

	for (int n = 0; n < LOGS_PER_WAKE; n++) {
		int rc;

		/* Cleared, so no byte of an earlier log is read as this one's. */
		memset(log_buf, 0, sizeof(log_buf));
		rc = rtas_check_exception(irq, RTAS_EVENT_HOTPLUG, log_buf, rtas_error_log_max());
		if (rc == 0)
			return false;
		if (rc < 0) {
			pr_warn("check-exception for interrupt %#x: %s\n", irq, strerror(rc));
			return false;
		}
		dr_event_log(log_buf, rtas_error_log_max());
	}
	return true;
}

static void event_thread(void *arg)
{
	for (;;) {
		unsigned long fired;
		bool more = false;

		wait_event(&event_wait, events_pending, NULL, 0, 0);
		fired = __atomic_exchange_n(&pending, 0, __ATOMIC_ACQUIRE);
		for (unsigned int i = 0; i < nr_sources; i++) {
			if (!(fired & (1ul << i)) || !drain(i))
				continue;
			__atomic_or_fetch(&pending, 1ul << i, __ATOMIC_RELEASE);
			more = true;
		}
		if (more)
			thread_yield();
	}
}

/* What CAS agreed: /chosen ibm,architecture-vec-5 holds byte n at index n. */
static bool cas_granted_hotplug_interrupts(void)
{
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen");
	int len;
	const uint8_t *ov5 = dt_prop_get(chosen, "ibm,architecture-vec-5", &len);

	return ov5 && len > OV5_HP_EVT_BYTE && (ov5[OV5_HP_EVT_BYTE] & OV5_HP_EVT_BIT);
}

/*
 * The interrupts of /event-sources/hot-plug-events: "interrupts" holds
 * one specifier per source, #interrupt-cells of /event-sources wide (1
 * on old platforms, 2 with the sense), the source number first.
 */
static int read_sources(void)
{
	struct dt_node parent = dt_find_by_path(dt_root(), "/event-sources");
	struct dt_node node = dt_find_by_path(parent, "hot-plug-events");
	uint32_t cells[MAX_CELLS], width = 1;
	int n;

	dt_prop_u32(parent, "#interrupt-cells", &width);
	n = dt_prop_cells(node, "interrupts", 0, cells, MAX_CELLS);
	if (n < 0)
		return n;
	if (width < 1 || width > 2 || n % width) {
		pr_err("hot-plug-events: %d interrupt cells, #interrupt-cells %u\n", n, width);
		return -EINVAL;
	}
	if (n > MAX_CELLS)
		pr_warn("hot-plug-events: %d interrupts, only the first %d taken\n",
			n / (int)width, MAX_CELLS / (int)width);
	for (int i = 0; i < n && i < MAX_CELLS; i += width)
		source_irq[nr_sources++] = cells[i];
	return nr_sources ? 0 : -ENOENT;
}

int dr_init(const struct dr_cpu_ops *cpu)
{
	unsigned int enabled = 0;
	int err;

	if (!cas_granted_hotplug_interrupts()) {
		pr_warn("CAS did not grant hot-plug event interrupts: no hot-plug events\n");
		return -ENODEV;
	}
	pr_info("CAS granted hot-plug event interrupts\n");
	err = read_sources();
	if (err) {
		pr_err("no usable /event-sources/hot-plug-events: %s\n", strerror(err));
		return err;
	}
	dr_cpu_init(cpu);
	err = dr_manager_start();
	if (!err && !thread_create(event_thread, NULL, PRIO_DEFAULT, CPU_ANY, "dr-events"))
		err = -ENOMEM;
	if (err) {
		pr_err("cannot start the event threads: %s\n", strerror(err));
		return err;
	}
	/* A first drain whatever the interrupt says: logs queued before it
	 * was unmasked are fetched too. */
	for (unsigned int i = 0; i < nr_sources; i++) {
		err = irq_register(source_irq[i], hotplug_interrupt, (void *)(uintptr_t)i);
		if (err) {
			pr_err("hot-plug interrupt %#x: %s\n", source_irq[i], strerror(err));
			continue;
		}
		__atomic_or_fetch(&pending, 1ul << i, __ATOMIC_RELEASE);
		enabled++;
		pr_info("hot-plug events on interrupt %#x\n", source_irq[i]);
	}
	wake_one(&event_wait);
	return enabled ? 0 : -ENODEV;
}
