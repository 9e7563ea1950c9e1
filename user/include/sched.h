/* SPDX-License-Identifier: MIT */
/* sched_yield(): give the CPU to another runnable task. */
#ifndef _SCHED_H
#define _SCHED_H

int sched_yield(void);

#endif /* _SCHED_H */
