// SPDX-License-Identifier: MIT
/* panic: say why, stop the other CPUs, end the machine through RTAS. */
#include <stdarg.h>
#include <arch/irq.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <vrm/console.h>
#include <vrm/fmt.h>
#include <vrm/log.h>
#include <vrm/panic.h>

static int panic_cpu = -1;

static void stop_other_cpus(void)
{
	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		if (i != cpu_index() && paca_of(i)->online)
			ipi_send(i, IPI_STOP);
}

void panic_begin(void)
{
	int none = -1;

	irq_disable();
	if (!__atomic_compare_exchange_n(&panic_cpu, &none, (int)cpu_index(), false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
	    none != (int)cpu_index())
		arch_cpu_stop();	/* another CPU is already panicking */
	console_break_lock();
	log_break_lock();
	rtas_enter_panic();
}

void panic(const char *fmt, ...)
{
	char reason[100];
	va_list ap;

	panic_begin();
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	log_console_start();
	kprintf("vrm: panic: %s (cpu %u)\n", reason, cpu_index());
	klog_ring(LOG_EMERG, "panic: %s (cpu %u)\n", reason, cpu_index());
	stop_other_cpus();
	rtas_os_term(reason);
}

/* Called by the stack protector, from our code and from libfdt. */
void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack protector: stack smashed in %p", __builtin_return_address(0));
}

void machine_power_off(void)
{
	stop_other_cpus();
	rtas_power_off();
}

void machine_reboot(void)
{
	stop_other_cpus();
	rtas_system_reboot();
}
