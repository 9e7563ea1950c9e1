// SPDX-License-Identifier: MIT
/* The sched suite: kernel threads, yielding, preemption, sleep and wake-up,
 * priorities, binding, every CPU. */
#include <arch/paca.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/ktest.h>
#include <vrm/sched.h>

static void count_up(void *arg)
{
	__atomic_add_fetch((volatile unsigned long *)arg, 1, __ATOMIC_RELAXED);
}

KTEST(sched, "1,000 threads created, run and joined leave memory where it started")
{
	uint64_t free_before = frames_free_count();
	struct heap_stats before, after;
	volatile unsigned long ran = 0;

	heap_stats(&before);
	for (int i = 0; i < 1000; i++) {
		struct thread *th = thread_create(count_up, (void *)&ran, PRIO_DEFAULT, CPU_ANY, "t");

		KT_EXPECT(t, th != NULL);
		if (th)
			thread_join(th);
	}
	KT_EXPECT_EQ(t, ran, 1000);
	heap_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, frames_free_count(), free_before);
	KT_EXPECT(t, thread_create(count_up, (void *)&ran, SCHED_PRIORITIES, CPU_ANY, "t") == NULL);
	KT_EXPECT(t, thread_create(count_up, (void *)&ran, 1, (int)nr_cpus_possible, "t") == NULL);
}

#define ROUNDS 100

struct pingpong {
	volatile char log[2 * ROUNDS];
	volatile unsigned int n;
};

struct player {
	struct pingpong *pp;
	char name;
};

static void play(void *arg)
{
	struct player *p = arg;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned int at = __atomic_fetch_add(&p->pp->n, 1, __ATOMIC_RELAXED);

		p->pp->log[at] = p->name;
		thread_yield();
	}
}

KTEST(sched, "two threads yielding on one CPU take turns")
{
	static struct pingpong pp;
	struct player a = { &pp, 'a' }, b = { &pp, 'b' };
	struct sched_stats before, after;
	struct thread *ta, *tb;
	unsigned int run = 1, longest = 1, na = 0;

	sched_stats(&before);
	ta = thread_create(play, &a, PRIO_DEFAULT, 0, "a");
	tb = thread_create(play, &b, PRIO_DEFAULT, 0, "b");
	thread_join(ta);
	thread_join(tb);
	sched_stats(&after);
	KT_EXPECT_EQ(t, pp.n, 2 * ROUNDS);
	for (unsigned int i = 0; i < pp.n; i++) {
		na += pp.log[i] == 'a';
		if (i && pp.log[i] == pp.log[i - 1] && ++run > longest)
			longest = run;
		else if (i && pp.log[i] != pp.log[i - 1])
			run = 1;
	}
	KT_EXPECT_EQ(t, na, ROUNDS);
	/* A tick may land between a turn and its yield; never more. */
	KT_EXPECT(t, longest <= 2);
	KT_EXPECT(t, after.switches - before.switches >= 2 * ROUNDS);
}

static volatile bool released;

static void spin_until_released(void *arg)
{
	(void)arg;
	while (!released)
		;
}

static void release(void *arg)
{
	(void)arg;
	released = true;
}

KTEST(sched, "a CPU-bound thread cannot starve another of its priority: the tick preempts it")
{
	struct sched_stats before, after;
	struct thread *spinner, *releaser;

	released = false;
	sched_stats(&before);
	spinner = thread_create(spin_until_released, NULL, PRIO_DEFAULT, 0, "spinner");
	releaser = thread_create(release, NULL, PRIO_DEFAULT, 0, "releaser");
	thread_join(releaser);
	thread_join(spinner);
	sched_stats(&after);
	KT_EXPECT(t, released);
	KT_EXPECT(t, after.preemptions > before.preemptions);
}

struct order {
	volatile char log[4];
	volatile unsigned int n;
};

static struct order order;

static void note(void *arg)
{
	order.log[__atomic_fetch_add(&order.n, 1, __ATOMIC_RELAXED)] = (char)(unsigned long)arg;
}

KTEST(sched, "the more urgent thread runs first")
{
	struct thread *low, *high;

	order.n = 0;
	low = thread_create(note, (void *)'l', PRIO_DEFAULT + 4, 0, "low");
	high = thread_create(note, (void *)'h', PRIO_DEFAULT - 4, 0, "high");
	thread_join(low);
	thread_join(high);
	KT_EXPECT_EQ(t, order.n, 2);
	KT_EXPECT_EQ(t, order.log[0], 'h');
	KT_EXPECT_EQ(t, order.log[1], 'l');
}

static volatile int flag;

static bool flag_set(void *arg)
{
	(void)arg;
	return flag != 0;
}

static void sleeper(void *arg)
{
	thread_sleep((const void *)&flag, flag_set, NULL);
	*(volatile int *)arg = flag;
}

KTEST(sched, "a thread sleeps until woken, and a satisfied condition does not sleep")
{
	volatile int seen = 0;
	struct thread *s;

	flag = 0;
	s = thread_create(sleeper, (void *)&seen, PRIO_DEFAULT, CPU_ANY, "sleeper");
	for (int i = 0; i < 50; i++)
		thread_yield();
	KT_EXPECT_EQ(t, seen, 0);
	KT_EXPECT(t, s->state == THREAD_SLEEPING || s->state == THREAD_RUNNABLE);
	flag = 7;
	while (!wakeup((const void *)&flag) && !s->exited)
		thread_yield();
	thread_join(s);
	KT_EXPECT_EQ(t, seen, 7);
	thread_sleep((const void *)&flag, flag_set, NULL);	/* returns at once */
}

static void where(void *arg)
{
	*(volatile int *)arg = (int)cpu_index();
}

static void rebind(void *arg)
{
	int target = (int)nr_cpu_ids - 1;

	*(volatile int *)arg = thread_bind(target) == 0 && (int)cpu_index() == target ? target : -2;
}

KTEST(sched, "a thread bound to a CPU runs there, on every CPU, and can move itself")
{
	volatile int *ran_on = kzalloc(nr_cpu_ids * sizeof(*ran_on));
	struct thread **th = kzalloc(nr_cpu_ids * sizeof(*th));
	volatile int moved = -1;
	struct thread *m;

	if (!ran_on || !th) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for %u threads", nr_cpu_ids);
		kfree((void *)ran_on);
		kfree(th);
		return;
	}
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		ran_on[i] = -1;
		th[i] = thread_create(where, (void *)&ran_on[i], PRIO_DEFAULT, (int)i, "where");
	}
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		thread_join(th[i]);
		KT_EXPECT_EQ(t, ran_on[i], i);
	}
	kfree((void *)ran_on);
	kfree(th);
	m = thread_create(rebind, (void *)&moved, PRIO_DEFAULT, 0, "rebind");
	thread_join(m);
	KT_EXPECT_EQ(t, moved, nr_cpu_ids - 1);
	KT_EXPECT_EQ(t, thread_bind((int)nr_cpus_possible), -EINVAL);
}

struct crowd {
	volatile bool stop;
	struct thread **th;
	unsigned int n;
	unsigned int *per_cpu;	/* room for counting */
};

static void unbind_and_spin(void *arg)
{
	struct crowd *c = arg;

	thread_bind(CPU_ANY);
	while (!c->stop)
		;
}

/* Whether the crowd's threads are spread evenly: per CPU, at most one
 * more than on any other. */
static bool spread(const struct crowd *c, unsigned int *most, unsigned int *least)
{
	unsigned int *per_cpu = c->per_cpu;

	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		per_cpu[i] = 0;
	for (unsigned int i = 0; i < c->n; i++)
		per_cpu[c->th[i]->cpu]++;
	*most = 0;
	*least = c->n;
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		if (per_cpu[i] > *most)
			*most = per_cpu[i];
		if (per_cpu[i] < *least)
			*least = per_cpu[i];
	}
	return *most - *least <= 1;
}

/*
 * Two spinners per CPU, all started on CPU 0: idle CPUs take one each at
 * once, and only the periodic balance moves the rest (a CPU running a
 * spinner is never idle again). The wait is bounded only to catch a hang.
 */
KTEST(sched, "periodic balancing spreads threads crowded on one CPU evenly")
{
	static struct crowd c;
	uint64_t give_up = mftb() + 20 * tb_freq;
	unsigned int most = 0, least = 0;
	bool even = false;

	c.stop = false;
	c.n = 2 * nr_cpus_present;
	c.th = kzalloc(c.n * sizeof(*c.th));
	c.per_cpu = kzalloc(nr_cpu_ids * sizeof(*c.per_cpu));
	if (!c.th || !c.per_cpu) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for %u threads", c.n);
		kfree(c.th);
		kfree(c.per_cpu);
		return;
	}
	for (unsigned int i = 0; i < c.n; i++)
		c.th[i] = thread_create(unbind_and_spin, &c, PRIO_DEFAULT, 0, "crowd");
	while (!even && mftb() < give_up) {
		thread_sleep_until(&c, NULL, NULL, mftb() + tb_freq / 100);
		even = spread(&c, &most, &least);
	}
	c.stop = true;
	for (unsigned int i = 0; i < c.n; i++)
		thread_join(c.th[i]);
	kfree(c.th);
	kfree(c.per_cpu);
	KT_EXPECT(t, even);
	KT_EXPECT_RANGE(t, most, 2, 3);
	KT_EXPECT_RANGE(t, least, 1, 2);
}
