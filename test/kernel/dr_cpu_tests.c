// SPDX-License-Identifier: MIT
/* The drcpu suite: CPU cores that QEMU adds and removes while the kernel runs. */

/*
 * Needs room for more cores (a dr-cpu-* row: -smp 1,maxcpus=4). Each test
 * asks QEMU, through the runner's qmp verb, to device_add or device_del
 * one core, always the same (id "drcpu", the first free core-id), and
 * waits for the manager's log line about it; waits are guards against a
 * hang, and the times printed on "#" lines are for reading only. The
 * tests run in file order, each leaving the core as the next expects.
 */
#include <string.h>
#include <arch/paca.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/cpu.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/fmt.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/sched.h>
#include <vrm/wait.h>
#include "dr_helpers.h"

#define WORKERS		4

static uint32_t drc;		/* the core's connector, found by the first test */
static unsigned int core_cpu;	/* the CPU number its thread took */

static unsigned int online_count(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		n += paca_of(i)->online;
	return n;
}

/* The number a CPU that hotplug adds takes: the lowest one not present. */
static unsigned int lowest_free(void)
{
	unsigned int n = 1;

	while (n < nr_cpus_possible && paca_of(n)->present)
		n++;
	return n;
}

/* The node of /cpus whose ibm,my-drc-index is the core's. */
static struct dt_node core_node(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), n;

	dt_for_each_child(cpus, n) {
		uint32_t mine;

		if (!dt_prop_u32(n, "ibm,my-drc-index", &mine) && mine == drc)
			return n;
	}
	return DT_NONE;
}

static uint32_t sense(void)
{
	uint32_t state = ~0u;

	if (rtas_get_sensor_state(RTAS_SENSOR_DR_ENTITY, drc, &state) != RTAS_OK)
		return ~0u;
	return state;
}

/* QMP device_add or device_del of the core; 0 when QEMU took it. */
static int qmp_core(bool add)
{
	char args[192];

	if (add)
		snprintf(args, sizeof(args), "{\"execute\":\"device_add\",\"arguments\":"
			 "{\"driver\":\"" DR_CPU_CORE_TYPE "\",\"id\":\"drcpu\",\"core-id\":%u}}",
			 drc & 0x0fffffff);
	else
		snprintf(args, sizeof(args),
			 "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"drcpu\"}}");
	return ktest_host("qmp", args);
}

static unsigned long us_between(uint64_t start, uint64_t end)
{
	return (unsigned long)((end - start) * 1000000 / tb_freq);
}

/*
 * Asks QEMU to add (or remove) the core and waits for the manager to say
 * CPU `cpu` is online (offline): true when it did, with the time from the
 * request printed.
 */
static bool change_core(struct ktest_run *t, bool add, unsigned int cpu, int line)
{
	const char *what = add ? "add" : "remove", *state = add ? "online" : "offline";
	uint64_t seq = log_next_seq(), start = mftb();
	const struct log_record *rec;
	char want[96];
	int n;

	if (qmp_core(add)) {
		ktest_fail(t, __FILE__, line, "QEMU refused the device_%s", add ? "add" : "del");
		return false;
	}
	n = snprintf(want, sizeof(want), "dr: cpu %s drc-index 0x%08x: CPU %u (server %u) %s, ",
		     what, drc, cpu, drc & 0x0fffffff, state);
	rec = dr_await_log(seq, want);
	if (!rec) {
		ktest_fail(t, __FILE__, line, "no log line \"%s...\"", want);
		return false;
	}
	kprintf("# cpu %s: %lu us from the QMP request to CPU %u %s (the manager: %s)\n",
		what, us_between(start, rec->tb), cpu, state, rec->text + n);
	KT_EXPECT_EQ(t, rec->level, LOG_INFO);
	return true;
}

static void where(void *arg)
{
	*(volatile int *)arg = (int)cpu_index();
}

/* A thread bound to `cpu` runs there. */
static void expect_runs_on(struct ktest_run *t, unsigned int cpu)
{
	volatile int ran_on = -1;
	struct thread *th = thread_create(where, (void *)&ran_on, PRIO_DEFAULT, (int)cpu, "where");

	KT_EXPECT(t, th != NULL);
	if (!th)
		return;
	thread_join(th);
	KT_EXPECT_EQ(t, ran_on, cpu);
}

/* The added core as the tree, RTAS and the scheduler see it. */
static void expect_present(struct ktest_run *t, unsigned int cpu)
{
	struct dt_node node = core_node();
	uint32_t reg = ~0u, server = ~0u;

	KT_EXPECT(t, paca_of(cpu)->online && paca_of(cpu)->present);
	KT_EXPECT_EQ(t, paca_of(cpu)->server, drc & 0x0fffffff);
	KT_EXPECT_EQ(t, paca_of(cpu)->kstack_top % KSTACK_SIZE, 0);
	KT_EXPECT(t, paca_of(cpu)->kstack_top != 0);
	/* QEMU numbers a core's connector after its first thread's id, which
	 * is its node's reg and first interrupt server. */
	KT_EXPECT(t, dt_prop_is(node, "device_type", "cpu"));
	KT_EXPECT_EQ(t, dt_prop_u32(node, "reg", &reg), 0);
	KT_EXPECT_EQ(t, reg, drc & 0x0fffffff);
	KT_EXPECT(t, dt_prop_cells(node, "ibm,ppc-interrupt-server#s", 0, &server, 1) >= 1);
	KT_EXPECT_EQ(t, server, reg);
	KT_EXPECT_EQ(t, sense(), RTAS_ENTITY_PRESENT);
	expect_runs_on(t, cpu);
}

/* The removed core: gone from the tree, the connector back with QEMU. */
static void expect_gone(struct ktest_run *t, unsigned int cpu)
{
	volatile int ran_on = -1;

	KT_EXPECT(t, !paca_of(cpu)->online && !paca_of(cpu)->present);
	KT_EXPECT_EQ(t, paca_of(cpu)->kstack_top, 0);
	KT_EXPECT(t, !dt_node_ok(core_node()));
	KT_EXPECT_EQ(t, sense(), RTAS_ENTITY_UNUSABLE);
	KT_EXPECT(t, thread_create(where, (void *)&ran_on, PRIO_DEFAULT, (int)cpu, "x") == NULL);
	KT_EXPECT_EQ(t, thread_bind((int)cpu), -EINVAL);
}

KTEST(drcpu, "a core QEMU adds comes online: its node, its connector, a thread bound to it")
{
	unsigned int before = online_count(), present = nr_cpus_present, cpu = lowest_free();

	drc = dr_first_free_core_drc();
	if (drc >> 28 != 1) {
		ktest_fail(t, __FILE__, __LINE__, "no free CPU connector in /cpus (%#x)", drc);
		return;
	}
	KT_EXPECT_EQ(t, sense(), RTAS_ENTITY_UNUSABLE);
	if (!change_core(t, true, cpu, __LINE__))
		return;
	core_cpu = cpu;
	KT_EXPECT_EQ(t, online_count(), before + 1);
	KT_EXPECT_EQ(t, nr_cpus_present, present + 1);
	expect_present(t, cpu);
}

/* A thread bound to the added CPU until told, then unbound until told. */
static struct hold {
	struct wait_queue wq;
	volatile int step;		/* 1: unbind; 2: end */
	volatile bool unbound;
	volatile int ran_on;
	struct thread *th;
} hold = { .wq = WAIT_QUEUE_INIT };

static bool hold_step(void *arg)
{
	return hold.step >= (int)(uintptr_t)arg;
}

static void holder(void *arg)
{
	(void)arg;
	wait_event(&hold.wq, hold_step, (void *)1, 0, 0);
	hold.ran_on = (int)cpu_index();
	thread_bind(CPU_ANY);
	hold.unbound = true;
	wake_all(&hold.wq);
	wait_event(&hold.wq, hold_step, (void *)2, 0, 0);
	hold.ran_on = (int)cpu_index();
}

static bool unbound(void *arg)
{
	(void)arg;
	return hold.unbound;
}

KTEST(drcpu, "a removal is refused while a thread is bound to the CPU, and QEMU is told so")
{
	unsigned int cpu = core_cpu, before = online_count();
	uint64_t seq = log_next_seq();
	char want[112];

	hold.th = thread_create(holder, NULL, PRIO_DEFAULT, (int)cpu, "dr-hold");
	if (!hold.th || !paca_of(cpu)->online) {
		ktest_fail(t, __FILE__, __LINE__, "no CPU %u to bind to", cpu);
		return;
	}
	KT_EXPECT_EQ(t, qmp_core(false), 0);
	snprintf(want, sizeof(want),
		 "dr: cpu remove drc-index 0x%08x refused: thread %lu (dr-hold) is bound to CPU %u",
		 drc, hold.th->tid, cpu);
	dr_expect_record(t, dr_await_log(seq, "dr: cpu remove"), LOG_WARNING, want, __LINE__);
	/* Declined by setting the connector unisolated again: it is still
	 * the OS's, and so is the CPU. */
	KT_EXPECT_EQ(t, online_count(), before);
	expect_present(t, cpu);
	hold.step = 1;
	wake_all(&hold.wq);
	wait_event(&hold.wq, unbound, NULL, 0, mftb() + DR_WAIT_S * tb_freq);
	KT_EXPECT(t, hold.unbound);
	KT_EXPECT_EQ(t, hold.ran_on, cpu);
}

KTEST(drcpu, "once the thread unbinds, the removal goes through: CPU, node and connector go")
{
	unsigned int cpu = core_cpu, before = online_count();

	if (!change_core(t, false, cpu, __LINE__))
		return;
	KT_EXPECT_EQ(t, online_count(), before - 1);
	expect_gone(t, cpu);
	/* The unbound thread, asleep, last ran there: it wakes elsewhere. */
	hold.step = 2;
	wake_all(&hold.wq);
	thread_join(hold.th);
	KT_EXPECT(t, hold.ran_on >= 0 && hold.ran_on != (int)cpu);
}

KTEST(drcpu, "the core can be added again once QEMU has deleted it, and removed again")
{
	unsigned int cpu = lowest_free();

	/* QEMU takes the same id and core-id only after DEVICE_DELETED. */
	if (!change_core(t, true, cpu, __LINE__))
		return;
	expect_present(t, cpu);
	if (!change_core(t, false, cpu, __LINE__))
		return;
	expect_gone(t, cpu);
}

/* Threads that check their own results: sums with a closed form, and a
 * buffer filled before a yield (and perhaps a move) and read after it. */
static struct workload {
	volatile bool stop;
	volatile int watch;		/* a CPU to notice */
	struct worker {
		struct thread *th;
		unsigned int seed;
		volatile unsigned long rounds, errors;
		volatile bool ran_on_watched;
	} w[WORKERS];
} load;

static void work(void *arg)
{
	struct worker *w = arg;
	uint32_t buf[256];

	for (unsigned long r = 0; !load.stop; r++) {
		unsigned long n = 1000 + (w->seed * 7919 + r) % 1000, sum = 0;
		bool bad = false;

		for (unsigned long i = 1; i <= n; i++)
			sum += i;
		for (unsigned int i = 0; i < 256; i++)
			buf[i] = (uint32_t)((w->seed ^ r) + i) * 2654435761u;
		thread_yield();
		for (unsigned int i = 0; i < 256; i++)
			bad |= buf[i] != (uint32_t)((w->seed ^ r) + i) * 2654435761u;
		if (bad || sum != n * (n + 1) / 2)
			w->errors++;
		if ((int)cpu_index() == load.watch)
			w->ran_on_watched = true;
		w->rounds++;
	}
}

/* Waits (a guard of DR_WAIT_S) until cond holds for the workload. */
static bool await(bool (*cond)(void *arg), void *arg)
{
	static struct wait_queue nobody = WAIT_QUEUE_INIT;
	uint64_t give_up = mftb() + DR_WAIT_S * tb_freq;

	while (!cond(arg) && mftb() < give_up)
		wait_event(&nobody, NULL, NULL, 0, mftb() + tb_freq / 100);
	return cond(arg);
}

static bool some_ran_on_watched(void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < WORKERS; i++)
		if (load.w[i].ran_on_watched)
			return true;
	return false;
}

static bool all_went_on(void *arg)
{
	const unsigned long *rounds = arg;

	for (unsigned int i = 0; i < WORKERS; i++)
		if (load.w[i].rounds <= rounds[i])
			return false;
	return true;
}

KTEST(drcpu, "threads doing checked work keep their results through a CPU add and a remove")
{
	unsigned int cpu = lowest_free(), started = 0;
	unsigned long rounds[WORKERS], errors = 0;

	load.stop = false;
	load.watch = (int)cpu;
	for (unsigned int i = 0; i < WORKERS; i++) {
		load.w[i] = (struct worker){ .seed = i + 1 };
		load.w[i].th = thread_create(work, &load.w[i], PRIO_DEFAULT, CPU_ANY, "dr-work");
		started += load.w[i].th != NULL;
	}
	KT_EXPECT_EQ(t, started, WORKERS);
	if (change_core(t, true, cpu, __LINE__)) {
		/* An idle CPU takes queued threads: the new one gets work. */
		KT_EXPECT(t, await(some_ran_on_watched, NULL));
		if (change_core(t, false, cpu, __LINE__)) {
			for (unsigned int i = 0; i < WORKERS; i++)
				rounds[i] = load.w[i].rounds;
			KT_EXPECT(t, await(all_went_on, rounds));
			expect_gone(t, cpu);
		}
	}
	load.stop = true;
	for (unsigned int i = 0; i < WORKERS; i++) {
		if (!load.w[i].th)
			continue;
		thread_join(load.w[i].th);
		errors += load.w[i].errors;
		kprintf("# worker %u: %lu rounds\n", i, load.w[i].rounds);
	}
	KT_EXPECT_EQ(t, errors, 0);
}
