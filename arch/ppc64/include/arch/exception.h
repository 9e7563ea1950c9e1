/* SPDX-License-Identifier: MIT */
/* Interrupt vectors, the register dump, and catching an expected fault. */
#ifndef ARCH_EXCEPTION_H
#define ARCH_EXCEPTION_H

#include <stdbool.h>
#include <arch/frame.h>
#include <arch/setjmp.h>

/* Copies the vectors to real address 0 and makes interrupts little-endian
 * (H_SET_MODE). Only after firmware is quiesced. 0 or a negative errno. */
int exceptions_init(void);
/* Gives a CPU's paca the MSR its interrupt handlers run with until its MMU
 * is on; exceptions_init gives the running CPU's. */
struct paca;
void exception_paca_init(struct paca *pc);

/*
 * A handler for one vector (storage and segment interrupts: the VMM). It
 * returns 0 when it resolved the interrupt, or a negative errno saying why
 * not: then the interrupt is unexpected, caught by an armed fault catch
 * (which records the error), else dumped and a panic. It runs with
 * interrupts off and may enable them while it waits.
 */
typedef int exception_handler_t(struct trap_frame *f);
#define EXCEPTION_VECTOR_STEP	0x20
#define EXCEPTION_VECTOR_LIMIT	0x1000
void exception_set_handler(unsigned long vector, exception_handler_t *h);

/* Called after each external and decrementer interrupt is handled, with
 * its frame: where the scheduler preempts. */
void exception_set_interrupt_exit(void (*fn)(struct trap_frame *f));

/*
 * For tasks: `fault` gets each exception from problem state that no
 * handler resolved (error as the handler returned, 0 if none ran), in
 * place of the dump and panic; `ret` runs last before every return to
 * problem state (signal delivery). Both run with interrupts off.
 */
void exception_set_user_hooks(void (*fault)(struct trap_frame *f, int error),
			      void (*ret)(struct trap_frame *f));

/* Leaves the kernel for problem state through f, which lies at the top of
 * the running thread's kernel stack. */
void arch_user_enter(struct trap_frame *f) __attribute__((noreturn));

/* Name of an interrupt vector ("data storage", ...). */
const char *vector_name(unsigned long vector);

/* Prints vector, SRR0/1, DAR/DSISR, LR, CTR, CR, XER, all GPRs and a
 * symbolised backtrace at LOG_EMERG. */
void dump_frame(const struct trap_frame *f);

/* The 32 GPRs, four to a line, at a log level (a task's dump too). */
void dump_gprs(const struct trap_frame *f, int level);

/*
 * A test that expects a fault arms a catch; the next unexpected exception
 * on this CPU prints its dump, records itself here and resumes at the
 * setjmp with value 1 instead of panicking.
 */
struct fault_catch {
	jmp_buf env;
	unsigned long vector, nip, msr, dar, dsisr;
	int error;			/* from the vector's handler, 0 if none */
	unsigned long resume_msr;	/* the MSR setjmp ran with */
	bool caught;
};

void fault_catch_arm(struct fault_catch *c);
void fault_catch_disarm(void);

/* Loads from a real address with data relocation on and no segment for it:
 * a deliberate data segment interrupt (0x380) at `addr`, for tests. */
unsigned long arch_bad_access(unsigned long addr);
/* Executes an invalid instruction: a program interrupt (0x700). */
void arch_illegal_instruction(void);
/* Keeps CR0 set while the timebase runs up to tb_end; returns how often an
 * interrupt was found to have changed it (0 when interrupts preserve CR). */
unsigned long arch_cr_probe(unsigned long tb_end);
#endif
