// SPDX-License-Identifier: MIT
/* Hypervisor virtual terminal (H_PUT_TERM_CHAR / H_GET_TERM_CHAR). */
#define pr_fmt "vty: "
#include <string.h>
#include <libfdt.h>
#include <arch/hcall_vty.h>
#include <arch/irq.h>
#include <arch/ppc.h>
#include <arch/spinlock.h>
#include <vrm/console.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/vty.h>

static unsigned long vterm;
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
static int find_vty(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path = NULL;
	int node;

	if (chosen >= 0) {
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", NULL);
		if (!path)
			path = fdt_getprop(fdt, chosen, "stdout-path", NULL);
	}
	if (path && (node = fdt_path_offset(fdt, path)) >= 0 &&
	    !fdt_node_check_compatible(fdt, node, "hvterm1"))
		return node;
	return fdt_node_offset_by_compatible(fdt, -1, "hvterm1");
}

int vty_init(const void *fdt)
{
	int node = find_vty(fdt);
	const fdt32_t *reg;

	if (node < 0)
		return -ENODEV;
	reg = fdt_getprop(fdt, node, "reg", NULL);
	if (!reg)
		return -ENODEV;
	vterm = fdt32_to_cpu(*reg);
	console_register(&vty_driver);
	return node;
}

int vty_enable_interrupt(const void *fdt, int node)
{
	const fdt32_t *irq = fdt_getprop(fdt, node, "interrupts", NULL);
	int err;

	if (!irq)
		return -ENODEV;	/* input is polled at each tick instead */
	err = irq_register(fdt32_to_cpu(*irq), vty_interrupt, NULL);
	if (err)
		pr_warn("input interrupt %#x: %d; polling instead\n", fdt32_to_cpu(*irq), err);
	return err;
}
