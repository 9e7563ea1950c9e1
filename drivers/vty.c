// SPDX-License-Identifier: MIT
/* Hypervisor virtual terminal (H_PUT_TERM_CHAR / H_GET_TERM_CHAR). */
#define pr_fmt "vty: "
#include <string.h>
#include <arch/hcall_vty.h>
#include <arch/irq.h>
#include <arch/ppc.h>
#include <arch/spinlock.h>
#include <arch/time.h>
#include <vrm/console.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/vty.h>

static unsigned long vterm;
static uint32_t vty_irq;		/* its input interrupt, when it has one */
static bool vty_has_irq;
static unsigned long input_interrupts;
static spinlock_t input_lock = SPINLOCK_INIT;

/* LoPAR "H_PUT_TERM_CHAR": at most 16 bytes a call; H_BUSY means the
 * hypervisor's buffer is full for now. */
static void vty_write(const char *s, size_t n)
{
	while (n) {
		char chunk[16] = { 0 };
		size_t len = n < 16 ? n : 16;
		long rc;

		memcpy(chunk, s, len);
		do
			rc = hv_put_term_char(vterm, len, chunk);
		while (hcall_is_busy(rc));
		if (rc != H_SUCCESS)
			return;	/* nowhere left to report it */
		s += len;
		n -= len;
	}
}

/* Reading and queueing happen under one lock with interrupts off: the
 * input interrupt arriving between the two would queue later bytes first. */
static void vty_poll(void)
{
	unsigned long ee = spin_lock_irqsave(&input_lock);
	char buf[16];
	size_t len;

	while (hv_get_term_char(vterm, buf, &len) == H_SUCCESS && len)
		console_input(buf, len > 16 ? 16 : len);
	spin_unlock_irqrestore(&input_lock, ee);
}

static void vty_interrupt(unsigned int irq, void *arg)
{
	input_interrupts++;
	vty_poll();
}

/*
 * QEMU raises the vty's interrupt only when its input buffer goes from
 * empty to not empty. Under load a key typed while nothing reads the
 * console (a Ctrl-Z for the foreground job) was seen to stay in that
 * buffer with no interrupt to fetch it; a poll every tick backs the
 * interrupt up, at the cost of one hcall that finds nothing.
 */
static struct timer_event backup_poll;

static void vty_backup_poll(struct timer_event *e)
{
	vty_poll();
	timer_event_add(e, mftb() + tb_per_tick);
}

unsigned long vty_input_interrupts(void)
{
	return input_interrupts;
}

static const struct console_driver vty_driver = {
	.name = "vty",
	.write = vty_write,
	.poll = vty_poll,
};

/* The console's node: /chosen stdout-path, else the first hvterm1. */
static struct dt_node find_vty(void)
{
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen"), node;
	const char *path = dt_prop_string(chosen, "linux,stdout-path");

	if (!path)
		path = dt_prop_string(chosen, "stdout-path");
	if (path) {
		node = dt_find_by_path(dt_root(), path);
		if (dt_node_is_compatible(node, "hvterm1"))
			return node;
	}
	return dt_find_compatible(dt_root(), DT_NONE, "hvterm1");
}

int vty_init(void)
{
	struct dt_node node = find_vty();
	uint32_t reg;

	if (dt_prop_cells(node, "reg", 0, &reg, 1) < 1)
		return -ENODEV;
	vterm = reg;
	vty_has_irq = dt_prop_cells(node, "interrupts", 0, &vty_irq, 1) >= 1;
	console_register(&vty_driver);
	return 0;
}

int vty_enable_interrupt(void)
{
	int err;

	if (!vty_has_irq)
		return -ENODEV;	/* input is polled at each tick instead */
	err = irq_register(vty_irq, vty_interrupt, NULL);
	if (err) {
		pr_warn("input interrupt %#x: %d; polling instead\n", vty_irq, err);
		return err;
	}
	backup_poll.fn = vty_backup_poll;
	timer_event_add(&backup_poll, mftb() + tb_per_tick);
	return 0;
}
