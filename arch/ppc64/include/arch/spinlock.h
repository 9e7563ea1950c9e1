/* SPDX-License-Identifier: MIT */
/* Spinlocks with lwarx/stwcx. and the barriers that make them locks. */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include <arch/paca.h>
#include <arch/ppc.h>

typedef struct {
	volatile unsigned int locked;
} spinlock_t;

#define SPINLOCK_INIT	{ 0 }

static inline int raw_spin_trylock(spinlock_t *l)
{
	unsigned int old;

	/* Acquire: isync after the successful store keeps later loads from
	 * being performed before the lock is held. */
	asm volatile("1:	lwarx	%0,0,%1,1\n"
		     "	cmpwi	%0,0\n"
		     "	bne-	2f\n"
		     "	stwcx.	%2,0,%1\n"
		     "	bne-	1b\n"
		     "	isync\n"
		     "2:"
		     : "=&r"(old)
		     : "r"(&l->locked), "r"(1)
		     : "cr0", "memory");
	return old == 0;
}

/* A CPU holding a spinlock is not preempted (the paca's preempt_count). */
static inline int spin_trylock(spinlock_t *l)
{
	if (!raw_spin_trylock(l))
		return 0;
	this_paca()->preempt_count++;
	return 1;
}

static inline void spin_lock(spinlock_t *l)
{
	this_paca()->preempt_count++;
	while (!raw_spin_trylock(l))
		while (l->locked)
			cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	/* Release: lwsync orders the critical section before the store. */
	asm volatile("lwsync" : : : "memory");
	l->locked = 0;
	this_paca()->preempt_count--;
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long ee = irq_save();

	spin_lock(l);
	return ee;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long ee)
{
	spin_unlock(l);
	irq_restore(ee);
}
#endif
