/* SPDX-License-Identifier: MIT */
/* Bits of 64-bit registers in IBM numbering, as the Power ISA and LoPAR draw them. */
#ifndef ARCH_BITS_H
#define ARCH_BITS_H

/*
 * The Power ISA numbers the bits of a 64-bit register from the most
 * significant: bit 0 is 2^63, bit 63 is 2^0 (Book I, "Notation"). Fields
 * are written as they appear in the ISA tables, so a definition can be
 * checked against the book by eye.
 */
#ifdef __ASSEMBLY__
#define PPC_BIT(n)		(1 << (63 - (n)))
#else
#define PPC_BIT(n)		(1ul << (63 - (n)))
#endif

/* Bits a..b inclusive, a <= b: the mask of a field drawn as bits a:b. */
#define PPC_BITMASK(a, b)	((PPC_BIT(a) - PPC_BIT(b)) | PPC_BIT(a))
#endif
