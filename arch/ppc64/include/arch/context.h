/* SPDX-License-Identifier: MIT */
/* A kernel thread's saved processor state and the switch between two. */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include <arch/frame.h>

struct arch_context {
	unsigned long r1, r2, lr, cr;
	unsigned long gpr14[18];	/* r14..r31 */
};

/* Saves the running state in `from`, resumes `to`; returns (later, when
 * something switches back) the token of that switch. */
void *arch_context_switch(struct arch_context *from, struct arch_context *to, void *token);

void arch_thread_start(void);

/* Prepares `c` to start fn(token, arg) on the stack below stack_top, with
 * interrupts as the switch leaves them. */
static inline void arch_context_init(struct arch_context *c, void *stack_top,
				     void (*fn)(void *token, void *arg), void *arg)
{
	unsigned long sp = ((unsigned long)stack_top & ~15ul) - STACK_FRAME_MIN;
	unsigned long toc;

	asm("mr %0,2" : "=r"(toc));
	*(unsigned long *)sp = 0;	/* end of the back chain */
	*c = (struct arch_context){ .r1 = sp, .r2 = toc, .lr = (unsigned long)arch_thread_start };
	c->gpr14[0] = (unsigned long)fn;
	c->gpr14[1] = (unsigned long)arg;
}
#endif
