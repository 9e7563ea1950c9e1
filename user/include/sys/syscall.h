/* SPDX-License-Identifier: MIT */
/* System call numbers, and the one instruction sequence that makes a call. */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <uapi/sys/syscall.h>

/*
 * Makes system call nr with six arguments (unused ones are ignored) and
 * returns r3 as the kernel left it: >= 0, or -errno in -4095..-1. errno
 * is not touched. The clobbers are the registers the ABI comment of
 * <uapi/sys/syscall.h> calls volatile.
 */
static inline long __syscall(long nr, long a1, long a2, long a3, long a4,
			     long a5, long a6)
{
	register long r0 __asm__("r0") = nr;
	register long r3 __asm__("r3") = a1;
	register long r4 __asm__("r4") = a2;
	register long r5 __asm__("r5") = a3;
	register long r6 __asm__("r6") = a4;
	register long r7 __asm__("r7") = a5;
	register long r8 __asm__("r8") = a6;

	__asm__ __volatile__("sc"
			     : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
			       "+r"(r7), "+r"(r8)
			     :
			     : "r9", "r10", "r11", "r12", "ctr", "xer", "cr0",
			       "cr1", "cr5", "cr6", "cr7", "memory");
	return r3;
}

#endif /* _SYS_SYSCALL_H */
