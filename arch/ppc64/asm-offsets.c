// SPDX-License-Identifier: MIT
/* Structure offsets for assembly; compiled to .s only and scraped by make. */
#include <stddef.h>
#include <arch/paca.h>
#include <arch/frame.h>
#include <arch/setjmp.h>
#include <arch/context.h>

#define OFFSET(sym, val) asm volatile("\n@@OFFSET " #sym " %0" : : "i"(val))

void asm_offsets(void);
void asm_offsets(void)
{
	OFFSET(PACA_CANARY, offsetof(struct paca, canary) - PACA_R13_BIAS);
	OFFSET(PACA_EX_R10, offsetof(struct paca, ex_r10) - PACA_R13_BIAS);
	OFFSET(PACA_EX_R11, offsetof(struct paca, ex_r11) - PACA_R13_BIAS);
	OFFSET(PACA_EX_SRR0, offsetof(struct paca, ex_srr0) - PACA_R13_BIAS);
	OFFSET(PACA_EX_SRR1, offsetof(struct paca, ex_srr1) - PACA_R13_BIAS);
	OFFSET(PACA_KERNEL_MSR, offsetof(struct paca, kernel_msr) - PACA_R13_BIAS);
	OFFSET(PACA_EX_CR, offsetof(struct paca, ex_cr) - PACA_R13_BIAS);
	OFFSET(PACA_KSTACK, offsetof(struct paca, kstack_top) - PACA_R13_BIAS);

	OFFSET(TF_GPR, offsetof(struct trap_frame, gpr));
	OFFSET(TF_NIP, offsetof(struct trap_frame, nip));
	OFFSET(TF_MSR, offsetof(struct trap_frame, msr));
	OFFSET(TF_LR, offsetof(struct trap_frame, lr));
	OFFSET(TF_CTR, offsetof(struct trap_frame, ctr));
	OFFSET(TF_XER, offsetof(struct trap_frame, xer));
	OFFSET(TF_CCR, offsetof(struct trap_frame, ccr));
	OFFSET(TF_DAR, offsetof(struct trap_frame, dar));
	OFFSET(TF_DSISR, offsetof(struct trap_frame, dsisr));
	OFFSET(TF_VECTOR, offsetof(struct trap_frame, vector));

	OFFSET(CTX_R1, offsetof(struct arch_context, r1));
	OFFSET(CTX_R2, offsetof(struct arch_context, r2));
	OFFSET(CTX_LR, offsetof(struct arch_context, lr));
	OFFSET(CTX_CR, offsetof(struct arch_context, cr));
	OFFSET(CTX_GPR14, offsetof(struct arch_context, gpr14));

	OFFSET(JB_R1, offsetof(struct jmp_buf_regs, r1));
	OFFSET(JB_R2, offsetof(struct jmp_buf_regs, r2));
	OFFSET(JB_LR, offsetof(struct jmp_buf_regs, lr));
	OFFSET(JB_CR, offsetof(struct jmp_buf_regs, cr));
	OFFSET(JB_GPR14, offsetof(struct jmp_buf_regs, gpr14));
}
