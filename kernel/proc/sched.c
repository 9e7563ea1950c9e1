// SPDX-License-Identifier: MIT
/* The scheduler: kernel threads, per-CPU run queues, switching, sleep and wake-up. */

/*
 * A run queue per CPU with a FIFO per priority, the most
 * urgent first; round robin at the tick among equals. Load balancing
 * pulls: an idle CPU takes a queued thread from the busiest, and every
 * BALANCE_TICKS ticks each CPU takes one when the busiest has at least
 * two threads more than itself. A thread whose context is still being
 * saved (on_cpu) is never picked elsewhere; the thread switched to clears
 * that flag.
 *
 * A CPU that hotplug removes is drained first: it takes no more threads
 * (leaving), what is queued there moves, the running thread moves at its
 * next switch, and then its idle thread stops it (stopping). Every thread
 * but the idle ones is on one list, so that a thread bound to the CPU is
 * found wherever it is (running, queued, asleep, not started yet).
 */
#define pr_fmt "sched: "
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/smp.h>
#include <arch/spinlock.h>
#include <arch/memlayout.h>
#include <arch/time.h>
#include <arch/user.h>
#include <vrm/cpu.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include <vrm/sched.h>
#include <vrm/task.h>
#include <vrm/vmm.h>

static struct thread boot_thread;
static spinlock_t sleep_lock = SPINLOCK_INIT;
static struct thread *sleepers;
static spinlock_t timeout_lock = SPINLOCK_INIT;
static struct thread *timeouts;		/* by deadline */
static unsigned long next_tid = 1;
static struct sched_stats stats;
static spinlock_t all_lock = SPINLOCK_INIT;
static struct thread *all_threads;	/* but the idle ones */

struct thread *current_thread(void)
{
	return this_cpu()->current;
}

static void enqueue(struct runq *rq, struct thread *t)
{
	t->next = NULL;
	if (rq->tail[t->prio])
		rq->tail[t->prio]->next = t;
	else
		rq->head[t->prio] = t;
	rq->tail[t->prio] = t;
	rq->nr++;
}

/* The most urgent thread whose context is saved (or that is `self`, the
 * caller), taken off the queue. */
static struct thread *dequeue(struct runq *rq, const struct thread *self, bool stealing)
{
	for (unsigned int p = 0; p < SCHED_PRIORITIES; p++) {
		struct thread **link = &rq->head[p], *prev = NULL;

		for (struct thread *t = *link; t; prev = t, link = &t->next, t = t->next) {
			if (t->on_cpu && t != self)
				continue;
			if (stealing && t->bound != CPU_ANY)
				continue;
			*link = t->next;
			if (rq->tail[p] == t)
				rq->tail[p] = prev;
			t->next = NULL;
			rq->nr--;
			return t;
		}
	}
	return NULL;
}

#define BALANCE_TICKS	4

/* Whether new and moving threads may go to this CPU. */
static bool takes_threads(unsigned int cpu)
{
	return paca_of(cpu)->online && !cpu_of(cpu)->leaving;
}

static void all_threads_add(struct thread *t)
{
	t->all_prev = NULL;
	t->all_next = all_threads;
	if (all_threads)
		all_threads->all_prev = t;
	all_threads = t;
}

static void all_threads_remove(struct thread *t)
{
	unsigned long ee = spin_lock_irqsave(&all_lock);

	if (t->all_prev)
		t->all_prev->all_next = t->all_next;
	else
		all_threads = t->all_next;
	if (t->all_next)
		t->all_next->all_prev = t->all_prev;
	spin_unlock_irqrestore(&all_lock, ee);
}

static void put_on(unsigned int cpu, struct thread *t);

/* Threads queued or running on a CPU (its idle thread not counted). */
static unsigned int load(unsigned int cpu)
{
	struct cpu *c = cpu_of(cpu);

	return c->runq.nr + (c->current != c->runq.idle);
}

/*
 * Moves one unbound thread from the CPU with the longest queue to this
 * one, if that CPU's load is at least `margin` above this one's: 1 for an
 * idle CPU, 2 for the periodic balance (a move that would only swap the
 * imbalance is not made).
 */
static void pull(unsigned int me, unsigned int margin)
{
	unsigned int victim = me, most = 0;
	struct thread *t;

	if (cpu_of(me)->leaving)
		return;
	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		if (i != me && paca_of(i)->online && cpu_of(i)->runq.nr > most) {
			most = cpu_of(i)->runq.nr;
			victim = i;
		}
	if (victim == me || load(victim) < load(me) + margin ||
	    !spin_trylock(&cpu_of(victim)->runq.lock))
		return;
	t = dequeue(&cpu_of(victim)->runq, NULL, true);
	spin_unlock(&cpu_of(victim)->runq.lock);
	if (!t)
		return;
	__atomic_add_fetch(&stats.steals, 1, __ATOMIC_RELAXED);
	put_on(me, t);
}

static unsigned int least_loaded(void)
{
	unsigned int best = cpu_index();

	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		if (takes_threads(i) && (!takes_threads(best) ||
					 cpu_of(i)->runq.nr < cpu_of(best)->runq.nr))
			best = i;
	return best;
}

/* Where a thread goes when it moves: its CPU if bound, else the least loaded. */
static unsigned int home(const struct thread *t)
{
	return t->bound != CPU_ANY ? (unsigned int)t->bound : least_loaded();
}

/*
 * Queues a thread on `cpu`, or on another when that one takes no threads
 * (it is leaving: checked under its queue's lock, which the drain takes
 * too, so nothing lands there once it is drained). A thread bound to a
 * leaving CPU can only be one that bindprocessor bound while the CPU was
 * being drained: it is unbound, and says so.
 */
static void put_on(unsigned int cpu, struct thread *t)
{
	struct runq *rq = &cpu_of(cpu)->runq;
	unsigned long ee = spin_lock_irqsave(&rq->lock);

	while (!takes_threads(cpu)) {
		spin_unlock_irqrestore(&rq->lock, ee);
		if (t->bound == (int)cpu) {
			pr_warn("thread %lu (%s) was bound to CPU %u, which is leaving: unbound\n",
				t->tid, t->name, cpu);
			t->bound = CPU_ANY;
		}
		cpu = home(t);
		rq = &cpu_of(cpu)->runq;
		ee = spin_lock_irqsave(&rq->lock);
	}
	t->state = THREAD_RUNNABLE;
	t->cpu = cpu;
	enqueue(rq, t);
	spin_unlock_irqrestore(&rq->lock, ee);
	if (cpu != cpu_index())
		ipi_send(cpu, IPI_RESCHEDULE);
	else if (t->prio <= current_thread()->prio || current_thread() == rq->idle)
		this_cpu()->need_resched = true;
}

static void finish_switch(struct thread *last)
{
	__atomic_store_n(&last->on_cpu, false, __ATOMIC_RELEASE);
	if (last->state == THREAD_DEAD)
		wakeup(last);
}

static uint64_t stack_top(uint64_t stack)
{
	return (uint64_t)va(stack) + (FRAME_SIZE << THREAD_STACK_ORDER);
}

/* Switches to the next thread of this CPU; interrupts off. */
static void schedule(void)
{
	struct paca *pc = this_paca();
	struct cpu *c = pc->cpu;
	unsigned int me = pc->index;
	struct runq *rq = &c->runq;
	struct thread *prev = c->current, *next, *last;
	bool move = false;

	if (!rq->nr)
		pull(me, 1);
	spin_lock(&rq->lock);
	if (prev->state == THREAD_RUNNING && prev != rq->idle) {
		prev->state = THREAD_RUNNABLE;
		move = c->leaving || (prev->bound != CPU_ANY && prev->bound != (int)me);
		if (!move)
			enqueue(rq, prev);
	}
	next = dequeue(rq, prev, false);
	if (!next)
		next = rq->idle;
	c->need_resched = false;
	if (next == prev) {
		prev->state = THREAD_RUNNING;
		spin_unlock(&rq->lock);
		return;
	}
	next->state = THREAD_RUNNING;
	next->cpu = me;
	next->on_cpu = true;
	next->switches++;
	next->charged = mftb();
	prev->runtime += next->charged - prev->charged;
	__atomic_add_fetch(&stats.switches, 1, __ATOMIC_RELAXED);
	c->current = next;
	pc->kstack_top = next->kstack_top;
	aspace_switch(next->task ? next->task->as : NULL);
	spin_unlock(&rq->lock);
	if (move)
		put_on(home(prev), prev);
	last = arch_context_switch(&prev->ctx, &next->ctx, prev);
	finish_switch(last);
}

/* Keeps each thread's shown user and system time from going back as
 * the ratio of its ticks changes. */
static spinlock_t cputime_lock = SPINLOCK_INIT;

void thread_cputime(struct thread *t, uint64_t *utime, uint64_t *stime)
{
	unsigned long ee = spin_lock_irqsave(&cputime_lock);
	uint64_t total = t->runtime, u;
	unsigned long user = t->user_ticks, ticks = user + t->system_ticks;

	if (t == current_thread())
		total += mftb() - t->charged;
	/* total * user / ticks, in two parts that cannot overflow. */
	u = ticks ? total / ticks * user + total % ticks * user / ticks : 0;
	/* The total only grows, so neither part need go back (as Linux's
	 * cputime_adjust keeps them). */
	if (u < t->shown_utime)
		u = t->shown_utime;
	if (total - u < t->shown_stime)
		u = total - t->shown_stime;
	t->shown_utime = *utime = u;
	t->shown_stime = *stime = total - u;
	spin_unlock_irqrestore(&cputime_lock, ee);
}

static void timeout_remove(struct thread *t)
{
	struct thread **link;

	for (link = &timeouts; *link; link = &(*link)->timeout_next)
		if (*link == t) {
			*link = t->timeout_next;
			break;
		}
	t->timeout_next = NULL;
}

/* Ends the sleeps whose deadline has passed; any CPU's tick does it. */
static void expire_timeouts(void)
{
	uint64_t now = mftb();
	struct thread *t;

	if (!spin_trylock(&timeout_lock))
		return;
	while ((t = timeouts) && t->timeout_deadline <= now) {
		timeouts = t->timeout_next;
		t->timeout_next = NULL;
		t->timeout_deadline = 0;
		thread_interrupt(t);
	}
	spin_unlock(&timeout_lock);
}

/* Called at the end of each external and decrementer interrupt. */
static void interrupt_exit(struct trap_frame *f)
{
	struct paca *pc = this_paca();
	struct cpu *c = pc->cpu;
	struct runq *rq = &c->runq;

	if (timeouts)
		expire_timeouts();
	if (!c->current)
		return;
	if (pc->ticks != c->sampled_tick) {
		/* The ticks since the last look caught the thread where f was. */
		unsigned long n = pc->ticks - c->sampled_tick;

		c->sampled_tick = pc->ticks;
		if (frame_from_user(f))
			c->current->user_ticks += n;
		else if (c->current != rq->idle)
			c->current->system_ticks += n;
	}
	if (pc->preempt_count)
		return;
	if (pc->ticks != rq->last_tick) {
		rq->last_tick = pc->ticks;
		if (pc->ticks % BALANCE_TICKS == pc->index % BALANCE_TICKS)
			pull(pc->index, 2);
		if (rq->nr)
			c->need_resched = true;
	}
	if (c->need_resched) {
		if (c->current != rq->idle)
			__atomic_add_fetch(&stats.preemptions, 1, __ATOMIC_RELAXED);
		schedule();
	}
}

static void __attribute__((noreturn)) idle_loop(void)
{
	struct cpu *c = this_cpu();
	struct runq *rq = &c->runq;

	for (;;) {
		irq_disable();
		if (c->stopping && !rq->nr)
			arch_cpu_offline();
		if (!rq->nr)
			pull(cpu_index(), 1);
		if (rq->nr)
			schedule();
		else
			arch_cpu_idle();
		irq_enable();
	}
}

static void idle_start(void *token, void *arg)
{
	(void)arg;
	finish_switch(token);
	idle_loop();
}

void sched_init(void)
{
	struct paca *pc = this_paca();
	struct thread *idle = &pc->cpu->idle_thread;
	uint64_t stack;

	/* The boot thread keeps CPU 0's boot stack, so it stays on CPU 0. */
	boot_thread = (struct thread){ .tid = next_tid++, .name = "main", .prio = PRIO_DEFAULT,
				       .state = THREAD_RUNNING, .bound = 0, .on_cpu = true,
				       .kstack_top = pc->kstack_top };
	if (frame_alloc(THREAD_STACK_ORDER, &stack))
		panic("no stack for the idle thread");
	*idle = (struct thread){ .tid = next_tid++, .name = "idle", .prio = SCHED_PRIORITIES - 1,
				 .state = THREAD_RUNNABLE, .bound = 0, .kstack = stack,
				 .kstack_top = stack_top(stack) };
	arch_context_init(&idle->ctx, (void *)idle->kstack_top, idle_start, NULL);
	pc->cpu->runq.idle = idle;
	pc->cpu->current = &boot_thread;
	all_threads_add(&boot_thread);
	exception_set_interrupt_exit(interrupt_exit);
}

void sched_cpu_start(void)
{
	struct paca *pc = this_paca();
	struct thread *idle = &pc->cpu->idle_thread;

	*idle = (struct thread){ .tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED),
				 .name = "idle", .prio = SCHED_PRIORITIES - 1,
				 .state = THREAD_RUNNING, .bound = (int)pc->index, .on_cpu = true,
				 .kstack_top = pc->kstack_top };
	pc->cpu->runq.idle = idle;
	pc->cpu->current = idle;
	irq_enable();
	idle_loop();
}

static void thread_main(void *token, void *arg)
{
	struct thread *t = arg;

	finish_switch(token);
	irq_enable();
	t->fn(t->arg);
	thread_exit();
}

struct thread *thread_new(void (*fn)(void *arg), void *arg, unsigned int prio, int cpu,
			  const char *name, size_t reserve)
{
	struct thread *t;
	uint64_t stack;
	unsigned long ee;

	if (prio >= SCHED_PRIORITIES || (cpu != CPU_ANY && (cpu < 0 ||
	    (unsigned int)cpu >= nr_cpu_ids)))
		return NULL;
	t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	if (frame_alloc(THREAD_STACK_ORDER, &stack)) {
		kfree(t);
		return NULL;
	}
	*t = (struct thread){ .tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED),
			      .name = name, .prio = prio, .bound = cpu, .kstack = stack,
			      .kstack_top = stack_top(stack), .fn = fn, .arg = arg };
	arch_context_init(&t->ctx, (void *)(t->kstack_top - reserve), thread_main, t);
	/* Checked under the list's lock, which a drain's search takes after
	 * marking its CPU leaving: a thread bound to it is refused or found. */
	ee = spin_lock_irqsave(&all_lock);
	if (cpu != CPU_ANY && !takes_threads((unsigned int)cpu)) {
		spin_unlock_irqrestore(&all_lock, ee);
		frame_free(stack, THREAD_STACK_ORDER);
		kfree(t);
		return NULL;
	}
	all_threads_add(t);
	spin_unlock_irqrestore(&all_lock, ee);
	return t;
}

void thread_discard(struct thread *t)
{
	all_threads_remove(t);
	frame_free(t->kstack, THREAD_STACK_ORDER);
	kfree(t);
}

void thread_start(struct thread *t)
{
	put_on(t->bound == CPU_ANY ? least_loaded() : (unsigned int)t->bound, t);
}

struct thread *thread_create(void (*fn)(void *arg), void *arg, unsigned int prio, int cpu,
			     const char *name)
{
	struct thread *t = thread_new(fn, arg, prio, cpu, name, 0);

	if (t)
		thread_start(t);
	return t;
}

void thread_exit(void)
{
	struct thread *t = current_thread();

	irq_disable();
	t->state = THREAD_DEAD;
	t->exited = true;
	schedule();
	panic("a dead thread ran again");
}

static bool reaped(void *arg)
{
	struct thread *t = arg;

	return t->exited && !__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE);
}

void thread_wait_ended(struct thread *t)
{
	thread_sleep(t, reaped, t);
}

void thread_join(struct thread *t)
{
	thread_wait_ended(t);
	thread_discard(t);
}

void thread_preempt_point(void)
{
	if (this_cpu()->need_resched)
		schedule();
}

void thread_yield(void)
{
	unsigned long ee = irq_save();

	schedule();
	irq_restore(ee);
}

/* Undoes what thread_sleep_until set up, once the sleep is over. */
static void sleep_done(struct thread *t, unsigned long ee)
{
	t->interrupted = false;
	if (t->timeout_deadline) {
		spin_lock(&timeout_lock);
		timeout_remove(t);
		t->timeout_deadline = 0;
		spin_unlock(&timeout_lock);
	}
	irq_restore(ee);
}

void thread_sleep(const void *chan, bool (*cond)(void *arg), void *arg)
{
	/* Uninterruptible: an interruption only makes it look again. */
	do
		thread_sleep_until(chan, cond, arg, 0);
	while (cond && !cond(arg));
}

int thread_sleep_until(const void *chan, bool (*cond)(void *arg), void *arg, uint64_t deadline)
{
	return thread_sleep_on(chan, cond, arg, deadline, NULL);
}

/* Why a sleep that has ended did; with interrupts off, before sleep_done. */
static int sleep_result(const struct thread *t, uint64_t deadline)
{
	if (deadline && mftb() >= deadline)
		return -ETIMEDOUT;
	return t->interrupted ? -EINTR : 0;
}

int thread_sleep_on(const void *chan, bool (*cond)(void *arg), void *arg, uint64_t deadline,
		    spinlock_t *release)
{
	struct thread *t = current_thread();
	unsigned long ee = irq_save();
	int why;

	if (deadline) {
		struct thread **link;

		spin_lock(&timeout_lock);
		for (link = &timeouts; *link && (*link)->timeout_deadline <= deadline;
		     link = &(*link)->timeout_next)
			;
		t->timeout_deadline = deadline;
		t->timeout_next = *link;
		*link = t;
		spin_unlock(&timeout_lock);
	}
	spin_lock(&sleep_lock);
	if ((cond && cond(arg)) || t->interrupted || (deadline && mftb() >= deadline)) {
		spin_unlock(&sleep_lock);
		why = cond && cond(arg) ? 0 : sleep_result(t, deadline);
		sleep_done(t, ee);
		return why;
	}
	t->wchan = chan;
	t->state = THREAD_SLEEPING;
	t->next = sleepers;
	sleepers = t;
	spin_unlock(&sleep_lock);
	/* On the list before the caller's lock goes: a wakeup issued under
	 * that lock finds this thread. */
	if (release)
		spin_unlock(release);
	schedule();
	why = sleep_result(t, deadline);
	sleep_done(t, ee);
	if (release)
		spin_lock(release);
	return why;
}

void thread_interrupt(struct thread *t)
{
	unsigned long ee = spin_lock_irqsave(&sleep_lock);
	struct thread **link;
	bool found = false;

	t->interrupted = true;
	for (link = &sleepers; *link; link = &(*link)->next)
		if (*link == t) {
			*link = t->next;
			t->wchan = NULL;
			found = true;
			break;
		}
	spin_unlock_irqrestore(&sleep_lock, ee);
	if (found)
		put_on(t->bound != CPU_ANY ? (unsigned int)t->bound : t->cpu, t);
	else if (t->state == THREAD_RUNNING && t->cpu != cpu_index())
		ipi_send(t->cpu, IPI_RESCHEDULE);
}

/* Takes sleepers on chan off the list (all, or the one that has slept
 * longest: the list is newest first); sleep_lock held. */
static struct thread *take_sleepers(const void *chan, bool all)
{
	struct thread **link = &sleepers, **oldest = NULL, *woken = NULL;

	for (; *link; link = &(*link)->next)
		if ((*link)->wchan == chan)
			oldest = link;
	if (!all && oldest) {
		woken = *oldest;
		*oldest = woken->next;
		woken->wchan = NULL;
		woken->next = NULL;
		return woken;
	}
	for (link = &sleepers; all && *link;) {
		struct thread *t = *link;

		if (t->wchan != chan) {
			link = &t->next;
			continue;
		}
		*link = t->next;
		t->wchan = NULL;
		t->next = woken;
		woken = t;
	}
	return woken;
}

unsigned int wakeup_one(const void *chan)
{
	unsigned long ee = spin_lock_irqsave(&sleep_lock);
	struct thread *t = take_sleepers(chan, false);

	spin_unlock_irqrestore(&sleep_lock, ee);
	if (!t)
		return 0;
	put_on(t->bound != CPU_ANY ? (unsigned int)t->bound : t->cpu, t);
	return 1;
}

unsigned int wakeup(const void *chan)
{
	unsigned long ee = spin_lock_irqsave(&sleep_lock);
	struct thread *woken = take_sleepers(chan, true);
	unsigned int n = 0;

	spin_unlock_irqrestore(&sleep_lock, ee);
	while (woken) {
		struct thread *t = woken;

		woken = t->next;
		put_on(t->bound != CPU_ANY ? (unsigned int)t->bound : t->cpu, t);
		n++;
	}
	return n;
}

int thread_bind(int cpu)
{
	struct thread *t = current_thread();
	unsigned long ee;

	if (cpu != CPU_ANY && (cpu < 0 || (unsigned int)cpu >= nr_cpu_ids))
		return -EINVAL;
	ee = spin_lock_irqsave(&all_lock);
	if (cpu != CPU_ANY && !takes_threads((unsigned int)cpu)) {
		spin_unlock_irqrestore(&all_lock, ee);
		return -EINVAL;
	}
	t->bound = cpu;
	spin_unlock_irqrestore(&all_lock, ee);
	if (cpu != CPU_ANY && (unsigned int)cpu != cpu_index())
		thread_yield();
	return 0;
}

void sched_cpu_prepare(unsigned int cpu)
{
	struct cpu *c = cpu_of(cpu);

	c->leaving = false;
	c->stopping = false;
	c->need_resched = false;
	c->runq.last_tick = 0;
}

/* A thread bound to one of the CPUs, not the idle ones; all_lock held. */
static struct thread *find_bound(const unsigned int *cpus, unsigned int n)
{
	for (struct thread *t = all_threads; t; t = t->all_next) {
		if (t->exited)
			continue;
		for (unsigned int i = 0; i < n; i++)
			if (t->bound == (int)cpus[i])
				return t;
	}
	return NULL;
}

/*
 * Moves every thread queued on a leaving CPU to where it now belongs. One
 * whose context is still being saved (on_cpu) may move too: no CPU picks
 * it before that is done.
 */
static void migrate_queued(unsigned int cpu)
{
	struct runq *rq = &cpu_of(cpu)->runq;
	struct thread *moving = NULL, *t;
	unsigned long ee = spin_lock_irqsave(&rq->lock);

	for (unsigned int p = 0; p < SCHED_PRIORITIES; p++) {
		while ((t = rq->head[p])) {
			rq->head[p] = t->next;
			t->next = moving;
			moving = t;
		}
		rq->tail[p] = NULL;
	}
	rq->nr = 0;
	spin_unlock_irqrestore(&rq->lock, ee);
	while ((t = moving)) {
		moving = t->next;
		put_on(home(t), t);
	}
}

int sched_cpus_drain(const unsigned int *cpus, unsigned int n, struct sched_bound *why)
{
	struct thread *t;
	unsigned long ee;

	for (unsigned int i = 0; i < n; i++)
		if (cpus[i] >= nr_cpu_ids || !takes_threads(cpus[i]))
			return -EINVAL;
	for (unsigned int i = 0; i < n; i++) {
		struct runq *rq = &cpu_of(cpus[i])->runq;

		ee = spin_lock_irqsave(&rq->lock);
		cpu_of(cpus[i])->leaving = true;
		spin_unlock_irqrestore(&rq->lock, ee);
	}
	ee = spin_lock_irqsave(&all_lock);
	t = find_bound(cpus, n);
	if (t) {
		*why = (struct sched_bound){ .tid = t->tid, .cpu = (unsigned int)t->bound };
		strlcpy(why->name, t->name, sizeof(why->name));
	}
	spin_unlock_irqrestore(&all_lock, ee);
	for (unsigned int i = 0; i < n; i++) {
		if (t) {
			cpu_of(cpus[i])->leaving = false;
			continue;
		}
		migrate_queued(cpus[i]);
		cpu_of(cpus[i])->stopping = true;
		ipi_send(cpus[i], IPI_RESCHEDULE);
	}
	return t ? -EBUSY : 0;
}

void sched_stats(struct sched_stats *out)
{
	*out = stats;
}
