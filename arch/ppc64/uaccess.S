/* SPDX-License-Identifier: MIT */
/* Copies to and from user memory that end with -EFAULT instead of a fault. */
#include <arch/asm.h>

#define EFAULT	14

	.text
/*
 * A storage interrupt the VMM cannot resolve at an instruction between
 * uaccess_begin and uaccess_end resumes at uaccess_fault (exception.c),
 * which returns -EFAULT to the caller. The routines are leaves: LR still
 * holds their return address when a fault cuts them short.
 *
 * They run in privileged state, but a task's segments carry Ks = 1
 * (UACCESS_SLB_KEYS in arch/uaccess.h), so each load and store here is
 * checked against the PP bits of the task's page as the task's own would
 * be. A page not yet in the HPT faults with DSISR[33] and is brought in
 * by the VMM as for the task, then the access is tried again; a store to
 * a page the task may only read faults with DSISR[36] (protection), which
 * the VMM does not resolve: that becomes -EFAULT here.
 */
	.globl uaccess_begin
uaccess_begin:

/* long arch_copy_user(void *dst, const void *src, size_t n): 0 or -EFAULT. */
FUNC(arch_copy_user)
	or	r6, r3, r4
	or	r6, r6, r5
	andi.	r6, r6, 7
	bne	2f
	srdi.	r6, r5, 3
	beq	9f
	mtctr	r6
1:	ld	r0, 0(r4)
	std	r0, 0(r3)
	addi	r3, r3, 8
	addi	r4, r4, 8
	bdnz	1b
	b	9f
2:	cmpdi	r5, 0
	beq	9f
	mtctr	r5
3:	lbz	r0, 0(r4)
	stb	r0, 0(r3)
	addi	r3, r3, 1
	addi	r4, r4, 1
	bdnz	3b
9:	li	r3, 0
	blr
END(arch_copy_user)

/*
 * long arch_copy_string_user(char *dst, const char *src, size_t size):
 * copies up to and including the NUL; returns the string's length, size
 * when no NUL came within size bytes, or -EFAULT.
 */
FUNC(arch_copy_string_user)
	li	r6, 0
1:	cmpd	r6, r5
	beq	8f
	lbzx	r0, r4, r6
	stbx	r0, r3, r6
	cmpdi	r0, 0
	beq	9f
	addi	r6, r6, 1
	b	1b
8:	mr	r3, r5
	blr
9:	mr	r3, r6
	blr
END(arch_copy_string_user)

	.globl uaccess_end
uaccess_end:

FUNC(uaccess_fault)
	li	r3, -EFAULT
	blr
END(uaccess_fault)
