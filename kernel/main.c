// SPDX-License-Identifier: MIT
/* kmain: from the flattened tree to a running kernel, in dependency order. */
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/mmu_info.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/cmdline.h>
#include <vrm/console.h>
#include <vrm/cpu.h>
#include <vrm/dr.h>
#include <vrm/dt.h>
#include <vrm/fmt.h>
#include <vrm/kernel.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/monitor.h>
#include <vrm/heap.h>
#include <vrm/panic.h>
#include <vrm/phys.h>
#include <vrm/port.h>
#include <vrm/ramfs.h>
#include <vrm/task.h>
#include <vrm/errno.h>
#include <vrm/sched.h>
#include <vrm/vmm.h>
#include <vrm/vty.h>

/* What /chosen says of the firmware and the command line. Both are
 * copied: the tree moves when DLPAR grows it. */
static void read_chosen(void)
{
	static char firmware[16];
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen");
	const char *fw = dt_prop_string(chosen, "vrm,firmware");
	const char *args = dt_prop_string(chosen, "bootargs");

	if (fw) {
		strlcpy(firmware, fw, sizeof(firmware));
		boot_firmware_name = firmware;
	}
	if (args)
		cmdline_set(args);
}

/*
 * init from the initramfs, or the kernel monitor when there is none.
 * init=PATH names another first program (default /sbin/init); the words
 * after "--" are its arguments. With run=PROG,PROG init runs those
 * programs in turn and powers the partition off (the user test suites).
 */
static void start_user_space(int ramfs_err)
{
	static char path[128], progs[512], words[512];
	static const char *argv[48] = { "/sbin/init" };
	const unsigned int max = sizeof(argv) / sizeof(argv[0]) - 1;
	unsigned int argc = 1;
	int err;

	if (ramfs_err) {
		pr_info("no initramfs: the kernel monitor takes the console\n");
		monitor_run();
	}
	if (cmdline_get("init", path, sizeof(path)))
		argv[0] = path;
	if (cmdline_get("run", progs, sizeof(progs))) {
		argv[argc++] = "-t";
		for (char *p = progs; *p && argc < max;) {
			argv[argc++] = p;
			p = strchr(p, ',');
			if (!p)
				break;
			*p++ = 0;
		}
	}
	err = cmdline_init_words(words, sizeof(words), argv + argc, max - argc);
	if (err < 0)
		pr_err("init: the words after -- do not fit; init gets none of them\n");
	else
		argc += err;
	err = task_start_init(argv);
	if (err)
		panic("init: %s: %s", argv[0], strerror(err));
	/* The boot thread has nothing left to do. */
	for (;;)
		thread_sleep(&argv, NULL, NULL);
}

/* A step the kernel cannot run without: panic shows the log so far. */
static void must(int err, const char *what)
{
	if (err < 0)
		panic("%s failed: %d", what, err);
}

void kmain(void *fdt);
void kmain(void *fdt)
{
	char level[4], tests[128], banner[96];
	int vty, cpus, err;

	must(exceptions_init(), "installing interrupt vectors");
	if (dt_init(fdt))
		panic("the flattened device tree is corrupt");
	/* The console first, so any failure below can be seen. */
	vty = vty_init();
	read_chosen();
	if (cmdline_get("loglevel", level, sizeof(level)))
		log_set_console_level(level[0] - '0');
	must(rtas_init(), "RTAS");
	must(time_init(), "timebase");
	must(memmap_init(), "memory map");
	cpus = smp_init();
	must(cpus, "CPU enumeration");

	snprintf(banner, sizeof(banner), "vrm: %s firmware=%s cpus=%d mem=%lu\n",
		 VRM_VERSION, boot_firmware_name, cpus,
		 (unsigned long)(boot_memory.total >> 20));
	kprintf("%s", banner);
	log_console_start();
	/* In the ring too, for dmesg; after the replay, so it is printed once. */
	klog_ring(LOG_INFO, "%s", banner);
	if (vty < 0)
		panic("no console: vty not found in the device tree");
	must(phys_init(), "physical memory");
	/* From now on the tree can grow into the heap. */
	dt_set_allocator(kmalloc, kfree);
	must(mmu_init(), "MMU");
	must(vmm_init(), "virtual memory");
	must(cpus_init(), "per-CPU memory");
	sched_init();
	if (cmdline_get("heap_poison", NULL, 0))
		heap_set_poison(true);

	must(xics_init(), "interrupt controller");
	xics_cpu_init();
	timer_cpu_start();
	vty_enable_interrupt();
	irq_enable();
	err = smp_start_secondaries();
	pr_info("%d of %u CPUs online\n", err, nr_cpus_present);
	pr_info("command line: %s\n", cmdline());

	err = ramfs_init();
	if (err && err != -ENOENT)
		pr_err("initramfs unusable: %s\n", strerror(err));
	syscalls_init();
	ports_init();
	dr_init(&cpu_hotplug);
	if (cmdline_get("test", tests, sizeof(tests))) {
		ktest_run_suites(tests);
		if (!cmdline_get("run", NULL, 0))
			machine_power_off();
	}
	start_user_space(err);
}
