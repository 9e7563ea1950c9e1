// SPDX-License-Identifier: MIT
/* The sched suite's wait queues: wake one or all, deadlines, interruptions, lock handoff. */
#include <arch/irq.h>
#include <arch/time.h>
#include <vrm/errno.h>
#include <vrm/ktest.h>
#include <vrm/sched.h>
#include <vrm/wait.h>

static struct wait_queue wq = WAIT_QUEUE_INIT;
static volatile int flag;
static volatile int woke_order[4], woke_count;

static bool flag_set(void *arg)
{
	(void)arg;
	return flag != 0;
}

/* A waiter without a condition: one wake ends its wait. */
static void wait_once(void *arg)
{
	int me = (int)(long)arg;

	if (wait_event(&wq, NULL, NULL, 0, 0) == 0)
		woke_order[__atomic_fetch_add(&woke_count, 1, __ATOMIC_SEQ_CST)] = me;
}

/* Yields until th sleeps (it runs on CPU 0, this thread anywhere). */
static void until_asleep(struct thread *th)
{
	while (__atomic_load_n(&th->state, __ATOMIC_ACQUIRE) != THREAD_SLEEPING)
		thread_yield();
}

static void until_woken(int n)
{
	while (woke_count < n)
		thread_yield();
}

KTEST(sched, "wake_one wakes the thread that waited longest, wake_all the rest")
{
	struct thread *th[3];

	woke_count = 0;
	for (long i = 0; i < 3; i++) {
		th[i] = thread_create(wait_once, (void *)(i + 1), PRIO_DEFAULT, 0, "waiter");
		until_asleep(th[i]);
	}
	KT_EXPECT(t, wake_one(&wq));
	until_woken(1);
	KT_EXPECT_EQ(t, woke_count, 1);
	KT_EXPECT_EQ(t, woke_order[0], 1);
	KT_EXPECT_EQ(t, wake_all(&wq), 2);
	for (int i = 0; i < 3; i++)
		thread_join(th[i]);
	KT_EXPECT_EQ(t, woke_count, 3);
	KT_EXPECT(t, !wake_one(&wq));
	KT_EXPECT_EQ(t, wake_all(&wq), 0);
}

KTEST(sched, "wait_event: a true condition does not sleep, a deadline ends the wait")
{
	uint64_t start;

	flag = 1;
	KT_EXPECT_EQ(t, wait_event(&wq, flag_set, NULL, 0, 0), 0);
	flag = 0;
	start = mftb();
	KT_EXPECT_EQ(t, wait_event(&wq, flag_set, NULL, 0, start + 2 * tb_per_tick), -ETIMEDOUT);
	KT_EXPECT(t, mftb() >= start + 2 * tb_per_tick);
	/* A deadline already past does not sleep either. */
	KT_EXPECT_EQ(t, wait_event(&wq, flag_set, NULL, 0, start), -ETIMEDOUT);
}

static struct thread *interrupted_one;

static void interrupt_it(struct timer_event *e)
{
	(void)e;
	thread_interrupt(interrupted_one);
}

static void set_and_wake(struct timer_event *e)
{
	(void)e;
	flag = 1;
	wake_all(&wq);
}

KTEST(sched, "an interruption ends only an interruptible wait; a wake from an interrupt handler ends one")
{
	struct timer_event irq = { .fn = interrupt_it }, wake = { .fn = set_and_wake };

	interrupted_one = current_thread();
	flag = 0;
	timer_event_add(&irq, mftb() + tb_per_tick);
	KT_EXPECT_EQ(t, wait_event(&wq, flag_set, NULL, WAIT_INTERRUPTIBLE, 0), -EINTR);
	/* Uninterruptible: the interruption comes first, the wake ends it. */
	timer_event_add(&irq, mftb() + tb_per_tick);
	timer_event_add(&wake, mftb() + 4 * tb_per_tick);
	KT_EXPECT_EQ(t, wait_event(&wq, flag_set, NULL, 0, 0), 0);
	KT_EXPECT_EQ(t, flag, 1);
	KT_EXPECT(t, !current_thread()->interrupted);
}

static spinlock_t handoff_lock = SPINLOCK_INIT;
static volatile int handoff_value;

/* Takes the lock the waiter holds while it waits, and changes the value. */
static void set_under_lock(void *arg)
{
	unsigned long ee = spin_lock_irqsave(&handoff_lock);

	(void)arg;
	handoff_value = 42;
	wake_all(&wq);
	spin_unlock_irqrestore(&handoff_lock, ee);
}

static bool value_set(void *arg)
{
	(void)arg;
	return handoff_value == 42;
}

KTEST(sched, "wait_event_locked gives the lock up while asleep and holds it again on return")
{
	unsigned long ee;
	struct thread *setter;
	int err;

	handoff_value = 0;
	ee = spin_lock_irqsave(&handoff_lock);
	setter = thread_create(set_under_lock, NULL, PRIO_DEFAULT, 0, "setter");
	err = wait_event_locked(&wq, &handoff_lock, value_set, NULL, 0, 0);
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT(t, !spin_trylock(&handoff_lock));
	spin_unlock_irqrestore(&handoff_lock, ee);
	thread_join(setter);
	KT_EXPECT_EQ(t, handoff_value, 42);
}
