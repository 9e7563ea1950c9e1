/* SPDX-License-Identifier: MIT */
/* A task's processor state as the generic kernel shapes it: entry into a
 * program, a signal handler's call and return, system call arguments. */
#ifndef ARCH_USER_H
#define ARCH_USER_H

#include <stdbool.h>
#include <string.h>
#include <arch/frame.h>
#include <arch/paca.h>
#include <arch/reg.h>
#include <uapi/signal.h>

/* Problem state with translation and interrupts on: nothing a task can
 * choose (sigreturn takes only this). */
static inline unsigned long user_msr(void)
{
	return this_paca()->kernel_msr | MSR_PR | MSR_EE;
}

/* The ELFv2 entry of a program: r1 the stack, r3..r5 argc, argv, envp,
 * r12 the entry (global entry points compute their TOC from it). */
static inline void frame_set_entry(struct trap_frame *f, unsigned long entry, unsigned long sp,
				   unsigned long argc, unsigned long argv, unsigned long envp)
{
	memset(f, 0, sizeof(*f));
	f->nip = entry;
	f->gpr[12] = entry;
	f->gpr[1] = sp;
	f->gpr[3] = argc;
	f->gpr[4] = argv;
	f->gpr[5] = envp;
	f->msr = user_msr();
}

static inline unsigned long frame_user_sp(const struct trap_frame *f)
{
	return f->gpr[1];
}

/* Bytes below a task's stack pointer that its code may still use. */
#define USER_STACK_RESERVE	(STACK_RED_ZONE + STACK_FRAME_MIN)

/* A handler runs as handler(sig, info, uc) called from restorer. */
static inline void frame_set_handler(struct trap_frame *f, unsigned long handler,
				     unsigned long restorer, unsigned long sp, int sig,
				     unsigned long info, unsigned long uc)
{
	f->nip = handler;
	f->gpr[12] = handler;
	f->lr = restorer;
	f->gpr[1] = sp;
	f->gpr[3] = (unsigned long)sig;
	f->gpr[4] = info;
	f->gpr[5] = uc;
	f->msr = user_msr();
}

static inline void mcontext_save(const struct trap_frame *f, struct mcontext *m)
{
	memcpy(m->gpr, f->gpr, sizeof(m->gpr));
	m->nip = f->nip;
	m->msr = f->msr;
	m->lr = f->lr;
	m->ctr = f->ctr;
	m->xer = f->xer;
	m->ccr = f->ccr;
}

static inline void mcontext_restore(struct trap_frame *f, const struct mcontext *m)
{
	memcpy(f->gpr, m->gpr, sizeof(f->gpr));
	f->nip = m->nip;
	f->msr = user_msr();
	f->lr = m->lr;
	f->ctr = m->ctr;
	f->xer = m->xer;
	f->ccr = m->ccr;
}

static inline bool frame_from_user(const struct trap_frame *f)
{
	return f->msr & MSR_PR;
}

/* System call: number and arguments in, result out. */
static inline unsigned long syscall_number(const struct trap_frame *f)
{
	return f->gpr[0];
}

static inline void syscall_save_args(struct trap_frame *f)
{
	f->orig_gpr3 = f->gpr[3];
}

static inline unsigned long syscall_arg(const struct trap_frame *f, unsigned int i)
{
	return f->gpr[3 + i];
}

static inline void syscall_set_result(struct trap_frame *f, long value)
{
	f->gpr[3] = (unsigned long)value;
}

/* Makes the frame run its system call again (SA_RESTART): `sc` is the
 * instruction before SRR0. */
static inline void syscall_restart(struct trap_frame *f)
{
	f->gpr[3] = f->orig_gpr3;
	f->nip -= 4;
}

/* The address a storage interrupt was about. */
static inline unsigned long frame_fault_address(const struct trap_frame *f)
{
	return f->vector == 0x400 || f->vector == 0x480 ? f->nip : f->dar;
}
#endif
