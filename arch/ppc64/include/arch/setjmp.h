/* SPDX-License-Identifier: MIT */
/* Non-local return within the kernel, used to recover from expected faults. */
#ifndef ARCH_SETJMP_H
#define ARCH_SETJMP_H

#ifndef __ASSEMBLY__
struct jmp_buf_regs {
	unsigned long r1, r2, lr, cr;
	unsigned long gpr14[18];	/* r14..r31, the non-volatile GPRs */
};

typedef struct jmp_buf_regs jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int val) __attribute__((noreturn));
#endif
#endif
