/* SPDX-License-Identifier: MIT */
/* PAPR hypervisor calls: numbers, status codes and one typed wrapper per call. */
#ifndef ARCH_HCALL_H
#define ARCH_HCALL_H

/* Status codes (LoPAR "Hypervisor Call Return Codes"). */
#define H_SUCCESS		0
#define H_BUSY			1
#define H_HARDWARE		(-1)
#define H_FUNCTION		(-2)
#define H_PRIVILEGE		(-3)
#define H_PARAMETER		(-4)
#define H_BAD_MODE		(-5)
#define H_PTEG_FULL		(-6)
#define H_NOT_FOUND		(-7)
#define H_NO_MEM		(-9)
#define H_LONG_BUSY_FIRST	9900
#define H_LONG_BUSY_LAST	9905

/* Call numbers (LoPAR chapter 14, QEMU include/hw/ppc/spapr.h). */
#define H_REMOVE		0x04
#define H_ENTER			0x08
#define H_READ			0x0c
#define H_CLEAR_MOD		0x10
#define H_CLEAR_REF		0x14
#define H_PROTECT		0x18
#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58
#define H_EOI			0x64
#define H_CPPR			0x68
#define H_IPI			0x6c
#define H_IPOLL			0x70
#define H_XIRR			0x74
#define H_CEDE			0xe0
#define H_PROD			0xe8
#define H_BULK_REMOVE		0x124
#define H_SET_MODE		0x31c
#define H_RTAS			0xf000

/* Flags of the page-table hcalls: IBM bit n of the flags argument
 * (LoPAR "Page Frame Table Access"). */
#define H_EXACT			(1ul << (63 - 24))
#define H_READ_4		(1ul << (63 - 26))
#define H_AVPN			(1ul << (63 - 32))

/* H_BULK_REMOVE: per-entry control and response in the high half of tsh. */
#define H_BULK_REQUEST		0x4000000000000000ul
#define H_BULK_END		0xc000000000000000ul
#define H_BULK_AVPN		0x0200000000000000ul
#define H_BULK_TYPE		0xc000000000000000ul
#define H_BULK_RESPONSE		0x8000000000000000ul
#define H_BULK_CODE		0x3000000000000000ul
#define H_BULK_CODE_SUCCESS	0x0000000000000000ul
#define H_BULK_CODE_NOT_FOUND	0x1000000000000000ul
#define H_BULK_RC_SHIFT		43	/* R and C of a removed entry, from HPTE_R_R/C */
#define H_BULK_PTEX		0x00fffffffffffffful
#define H_BULK_PAIRS		4

/* H_SET_MODE resources and their mode flags. */
#define H_SET_MODE_RESOURCE_ADDR_TRANS	3
#define H_SET_MODE_RESOURCE_LE		4
#define H_SET_MODE_ENDIAN_BIG		0
#define H_SET_MODE_ENDIAN_LITTLE	1

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stddef.h>

/* The calling shapes (arch/ppc64/hcall.S): status in the return value,
 * results (r4 upwards) copied to ret[] where the shape has them. */
long hcall_noret(unsigned long op, unsigned long a1, unsigned long a2,
		 unsigned long a3, unsigned long a4, unsigned long a5,
		 unsigned long a6);
long hcall_ret4(unsigned long op, unsigned long ret[4], unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4,
		unsigned long a5, unsigned long a6);
long hcall_ret9(unsigned long op, unsigned long ret[9], unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4,
		unsigned long a5, unsigned long a6);
long hcall_inout8(unsigned long op, uint64_t regs[8]);

static inline int hcall_is_busy(long rc)
{
	return rc == H_BUSY || (rc >= H_LONG_BUSY_FIRST && rc <= H_LONG_BUSY_LAST);
}

static inline uint64_t be64_bytes(const char b[8])
{
	return (uint64_t)(unsigned char)b[0] << 56 | (uint64_t)(unsigned char)b[1] << 48 |
	       (uint64_t)(unsigned char)b[2] << 40 | (uint64_t)(unsigned char)b[3] << 32 |
	       (uint64_t)(unsigned char)b[4] << 24 | (uint64_t)(unsigned char)b[5] << 16 |
	       (uint64_t)(unsigned char)b[6] << 8 | (uint64_t)(unsigned char)b[7];
}

static inline void bytes_be64(char b[8], uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (char)(v >> (56 - 8 * i));
}

/* Writes up to 16 bytes to a virtual terminal; the bytes travel in r6/r7,
 * first byte most significant. H_BUSY means try again. */
static inline long hv_put_term_char(unsigned long vterm, size_t len, const char buf[16])
{
	return hcall_noret(H_PUT_TERM_CHAR, vterm, len, be64_bytes(buf),
			   be64_bytes(buf + 8), 0, 0);
}

/* Reads up to 16 pending bytes; returns the status, *len the count. */
static inline long hv_get_term_char(unsigned long vterm, char buf[16], size_t *len)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_GET_TERM_CHAR, ret, vterm, 0, 0, 0, 0, 0);

	*len = rc == H_SUCCESS ? ret[0] : 0;
	bytes_be64(buf, ret[1]);
	bytes_be64(buf + 8, ret[2]);
	return rc;
}

/* XICS presentation controller (LoPAR "Interrupt Support hcalls"). */
static inline long hv_xirr(uint32_t *xirr)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_XIRR, ret, 0, 0, 0, 0, 0, 0);

	*xirr = (uint32_t)ret[0];
	return rc;
}

static inline long hv_eoi(uint32_t xirr)
{
	return hcall_noret(H_EOI, xirr, 0, 0, 0, 0, 0);
}

static inline long hv_cppr(uint8_t cppr)
{
	return hcall_noret(H_CPPR, cppr, 0, 0, 0, 0, 0);
}

static inline long hv_ipi(unsigned long server, uint8_t mfrr)
{
	return hcall_noret(H_IPI, server, mfrr, 0, 0, 0, 0);
}

/* Gives the processor back until an interrupt or H_PROD; returns with
 * MSR[EE] set, so a pending interrupt is taken right after. */
static inline long hv_cede(void)
{
	return hcall_noret(H_CEDE, 0, 0, 0, 0, 0, 0);
}

static inline long hv_prod(unsigned long server)
{
	return hcall_noret(H_PROD, server, 0, 0, 0, 0, 0);
}

static inline long hv_set_mode(unsigned long mflags, unsigned long resource,
			       unsigned long v1, unsigned long v2)
{
	return hcall_noret(H_SET_MODE, mflags, resource, v1, v2, 0, 0);
}

/* Hashed page table (LoPAR "Page Frame Table Access" hcalls). H_ENTER
 * picks a free slot in the group of `ptex` unless H_EXACT is given. */
static inline long hv_enter(unsigned long flags, unsigned long ptex, uint64_t v, uint64_t r,
			    unsigned long *slot)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_ENTER, ret, flags, ptex, v, r, 0, 0);

	*slot = ret[0];
	return rc;
}

/* Removes the entry if its AVPN matches; returns its last V and R (R
 * carries the referenced and changed bits). */
static inline long hv_remove(unsigned long ptex, uint64_t avpn, uint64_t *v, uint64_t *r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_REMOVE, ret, H_AVPN, ptex, avpn, 0, 0, 0);

	*v = ret[0];
	*r = ret[1];
	return rc;
}

/* Reads the four entries from `ptex` (a multiple of four): V, R pairs. */
static inline long hv_read4(unsigned long ptex, uint64_t vr[8])
{
	unsigned long ret[9];
	long rc = hcall_ret9(H_READ, ret, H_READ_4, ptex, 0, 0, 0, 0);

	for (int i = 0; i < 8; i++)
		vr[i] = ret[i];
	return rc;
}

/* {tsh, tsl} pairs, an unused tsh set to H_BULK_END; each tsh comes
 * back with its response. */
static inline long hv_bulk_remove(uint64_t pairs[2 * H_BULK_PAIRS])
{
	return hcall_inout8(H_BULK_REMOVE, pairs);
}

/* Clears the referenced (changed) bit of an entry and returns the old R. */
static inline long hv_clear_ref(unsigned long ptex, uint64_t *r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_CLEAR_REF, ret, 0, ptex, 0, 0, 0, 0);

	*r = ret[0];
	return rc;
}

static inline long hv_clear_mod(unsigned long ptex, uint64_t *r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_CLEAR_MOD, ret, 0, ptex, 0, 0, 0, 0);

	*r = ret[0];
	return rc;
}

/* QEMU's RTAS shortcut (docs/specs/ppc-spapr-hcalls.rst); vrm calls RTAS
 * through the instantiated blob instead, as PAPR specifies. */
static inline long hv_rtas(unsigned long args_real)
{
	return hcall_noret(H_RTAS, args_real, 0, 0, 0, 0, 0);
}
#endif /* __ASSEMBLY__ */
#endif
