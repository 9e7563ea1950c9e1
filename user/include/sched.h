/* SPDX-License-Identifier: MIT */
/*
 * Scheduling: sched_yield, the policies (AIX's numbers) and CPU sets.
 * vrm schedules every thread under one policy, SCHED_OTHER, at one
 * priority, 0; binding to CPUs is AIX's bindprocessor (<sys/processor.h>).
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <uapi/sys/types.h>

#define SCHED_OTHER	0
#define SCHED_FIFO	1	/* not available: ENOTSUP or EINVAL where asked for */
#define SCHED_RR	2	/* likewise */

struct sched_param {
	int sched_priority;
};

/* Give the CPU to another runnable thread. */
int sched_yield(void);
/* 0 and 0 for SCHED_OTHER; -1 with EINVAL for any other policy. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);

/*
 * A set of CPU numbers (as bindprocessor counts them), with glibc's
 * macros: CPU_ZERO(&set), CPU_SET(cpu, &set), CPU_CLR, CPU_ISSET and
 * CPU_COUNT. A number outside 0..CPU_SETSIZE - 1 is never a member. There
 * is no sched_setaffinity: bindprocessor binds to one CPU, or none.
 */
#define CPU_SETSIZE	1024

typedef struct {
	unsigned long bits[CPU_SETSIZE / (8 * sizeof(unsigned long))];
} cpu_set_t;

#define __CPU_WORD(cpu)	((unsigned long)(cpu) / (8 * sizeof(unsigned long)))
#define __CPU_BIT(cpu)	(1ul << ((unsigned long)(cpu) % (8 * sizeof(unsigned long))))
#define __CPU_IN(cpu)	((unsigned long)(cpu) < CPU_SETSIZE)

#define CPU_ZERO(set)	__builtin_memset((set), 0, sizeof(cpu_set_t))
#define CPU_SET(cpu, set)						\
	((void)(__CPU_IN(cpu) && ((set)->bits[__CPU_WORD(cpu)] |= __CPU_BIT(cpu))))
#define CPU_CLR(cpu, set)						\
	((void)(__CPU_IN(cpu) && ((set)->bits[__CPU_WORD(cpu)] &= ~__CPU_BIT(cpu))))
#define CPU_ISSET(cpu, set)						\
	(__CPU_IN(cpu) && ((set)->bits[__CPU_WORD(cpu)] & __CPU_BIT(cpu)) != 0)
#define CPU_COUNT(set)	__cpu_count(set)

static inline int __cpu_count(const cpu_set_t *set)
{
	int n = 0;

	for (unsigned int i = 0; i < sizeof(set->bits) / sizeof(set->bits[0]); i++)
		n += __builtin_popcountl(set->bits[i]);
	return n;
}

#endif /* _SCHED_H */
