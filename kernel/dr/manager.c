// SPDX-License-Identifier: MIT
/* The DLPAR manager: takes each decoded hot-plug event from its queue. */

/*
 * The event path (event.c) queues what it decodes; this thread takes the
 * events one at a time, in order, logs each, and acts on those for CPU
 * cores (cpu.c): acquiring a DRC, configure-connector and starting or
 * stopping a CPU sleep, so they belong here and not in the interrupt.
 * Memory events are only logged for now.
 */
#define pr_fmt "dr: "
#include <arch/spinlock.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/rtas_event.h>
#include <vrm/sched.h>
#include <vrm/wait.h>
#include "dr_impl.h"

#define QUEUE_LEN	16

static struct rtas_hotplug queue[QUEUE_LEN];
static unsigned int queue_head, queue_count;
static spinlock_t queue_lock = SPINLOCK_INIT;
static struct wait_queue queue_arrivals = WAIT_QUEUE_INIT;

int dr_queue_put(const struct rtas_hotplug *ev)
{
	unsigned long ee = spin_lock_irqsave(&queue_lock);

	if (queue_count == QUEUE_LEN) {
		spin_unlock_irqrestore(&queue_lock, ee);
		return -ENOSPC;
	}
	queue[(queue_head + queue_count++) % QUEUE_LEN] = *ev;
	wake_one(&queue_arrivals);
	spin_unlock_irqrestore(&queue_lock, ee);
	return 0;
}

static void queue_get(struct rtas_hotplug *ev)
{
	unsigned long ee = spin_lock_irqsave(&queue_lock);

	while (queue_count == 0)
		wait_event_locked(&queue_arrivals, &queue_lock, NULL, NULL, 0, 0);
	*ev = queue[queue_head];
	queue_head = (queue_head + 1) % QUEUE_LEN;
	queue_count--;
	spin_unlock_irqrestore(&queue_lock, ee);
}

static void manager(void *arg)
{
	struct rtas_hotplug ev;
	char line[80];

	for (;;) {
		queue_get(&ev);
		rtas_hotplug_describe(&ev, line, sizeof(line));
		pr_info("event: %s\n", line);
		if (ev.resource != RTAS_HP_CPU)
			continue;
		if (ev.ident != RTAS_HP_BY_INDEX)
			pr_warn("%s: only CPU events by DRC index are handled\n", line);
		else if (ev.action == RTAS_HP_ADD)
			dr_cpu_add(ev.index);
		else
			dr_cpu_remove(ev.index);
	}
}

int dr_manager_start(void)
{
	return thread_create(manager, NULL, PRIO_DEFAULT, CPU_ANY, "dr-manager") ? 0 : -ENOMEM;
}
