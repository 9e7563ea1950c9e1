// SPDX-License-Identifier: MIT
/* Timebase frequency and the decrementer tick. */
#define pr_fmt "time: "
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/reg.h>
#include <arch/time.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/log.h>

uint64_t tb_freq;
uint64_t tb_per_tick;
uint64_t tb_boot;

int time_init(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), node;

	tb_boot = mftb();
	dt_for_each_child(cpus, node) {
		uint32_t f;

		if (dt_prop_is(node, "device_type", "cpu") &&
		    !dt_prop_u32(node, "timebase-frequency", &f)) {
			tb_freq = f;
			break;
		}
	}
	if (!tb_freq) {
		pr_err("no timebase-frequency in /cpus\n");
		return -ENODEV;
	}
	tb_per_tick = tb_freq / HZ;
	return 0;
}

/* The decrementer counts down and interrupts when it turns negative; it is
 * set relative to an absolute deadline so late interrupts do not drift. */
static void set_decrementer(uint64_t deadline)
{
	uint64_t now = mftb();
	uint64_t delta = deadline > now ? deadline - now : 1;

	mtspr(SPR_DEC, delta);
}

void timer_cpu_start(void)
{
	struct paca *pc = this_paca();

	pc->tick_deadline = mftb() + tb_per_tick;
	set_decrementer(pc->tick_deadline);
}

/* Runs this CPU's events that are due; each is unlinked before its call,
 * so it may queue itself again. */
static void run_events(struct paca *pc, uint64_t now)
{
	struct timer_event **link = &pc->timer_events;

	while (*link) {
		struct timer_event *e = *link;

		if (e->deadline > now) {
			link = &e->next;
			continue;
		}
		*link = e->next;
		e->next = NULL;
		e->fn(e);
		link = &pc->timer_events;
	}
}

void timer_interrupt(void)
{
	struct paca *pc = this_paca();
	uint64_t now = mftb();

	pc->dec_interrupts++;
	/* Ticks missed while interrupts were off still count as time. */
	while (pc->tick_deadline <= now) {
		pc->ticks++;
		pc->tick_deadline += tb_per_tick;
	}
	set_decrementer(pc->tick_deadline);
	run_events(pc, now);
}

void timer_event_add(struct timer_event *e, uint64_t deadline)
{
	unsigned long ee = irq_save();
	struct paca *pc = this_paca();

	e->deadline = deadline;
	e->next = pc->timer_events;
	pc->timer_events = e;
	irq_restore(ee);
}

bool timer_event_cancel(struct timer_event *e)
{
	unsigned long ee = irq_save();
	struct timer_event **link = &this_paca()->timer_events;
	bool found = false;

	for (; *link; link = &(*link)->next) {
		if (*link == e) {
			*link = e->next;
			e->next = NULL;
			found = true;
			break;
		}
	}
	irq_restore(ee);
	return found;
}
