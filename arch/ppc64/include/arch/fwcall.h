/* SPDX-License-Identifier: MIT */
/* The gate into big-endian 32-bit real-mode firmware (arch/ppc64/fwgate.S). */
#ifndef ARCH_FWCALL_H
#define ARCH_FWCALL_H

/* Calls firmware at real address `entry` with r3 = a0, r4 = a1; returns its
 * r3. Interrupts are off for the call; callers serialise. */
long fw_call(unsigned long entry, unsigned long a0, unsigned long a1);
#endif
