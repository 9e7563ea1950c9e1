/* SPDX-License-Identifier: MIT */
/* PAPR hypervisor calls: the calling shapes, the status codes and what every facility shares. */
#ifndef ARCH_HCALL_H
#define ARCH_HCALL_H

/*
 * Each facility has its header of call numbers and typed wrappers, one
 * wrapper per call, named after the operation: hcall_hpt.h (the hashed
 * page table), hcall_xics.h (interrupt presentation), hcall_vty.h (the
 * virtual terminal), hcall_cpu.h (this processor and the partition's
 * interrupt mode), hcall_tce.h (DMA translation).
 */

/* Status codes (LoPAR "Hypervisor Call Return Codes"; QEMU
 * include/hw/ppc/spapr.h). */
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
#define H_AUTHORITY		(-10)
#define H_PERMISSION		(-11)
#define H_RESOURCE		(-16)
#define H_P2			(-55)	/* H_P2..H_P9: parameter n is invalid */
#define H_P9			(-62)
#define H_UNSUPPORTED_FLAG_FIRST (-256)	/* a flag bit the hypervisor does not know */
#define H_UNSUPPORTED_FLAG_LAST	(-511)
#define H_LONG_BUSY_FIRST	9900	/* busy; retry after 1 ms .. 100 s */
#define H_LONG_BUSY_LAST	9905

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <vrm/errno.h>

/*
 * The calling shapes (arch/ppc64/hcall.S): `sc 1` with the call number in
 * r3 and arguments in r4 up; the status comes back as the return value,
 * and the shapes with results copy r4 up into ret[]. The sizes are part
 * of the type: a wrapper passing a shorter buffer does not compile.
 */
long hcall_noret(unsigned long op, unsigned long a1, unsigned long a2,
		 unsigned long a3, unsigned long a4, unsigned long a5,
		 unsigned long a6);
long hcall_ret4(unsigned long op, unsigned long ret[static 4], unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4,
		unsigned long a5, unsigned long a6);
long hcall_ret9(unsigned long op, unsigned long ret[static 9], unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4,
		unsigned long a5, unsigned long a6);
/* r4..r11 loaded from regs[] and stored back after the call. */
long hcall_inout8(unsigned long op, uint64_t regs[static 8]);

/* H_BUSY and the long-busy hints: the same call should be made again. */
static inline int hcall_is_busy(long rc)
{
	return rc == H_BUSY || (rc >= H_LONG_BUSY_FIRST && rc <= H_LONG_BUSY_LAST);
}

/*
 * The one place an hcall status becomes a kernel error (0 or a negative
 * errno). Wrappers return the status unchanged; a caller that passes an
 * error on converts it here.
 *
 *   H_SUCCESS                                  0
 *   H_BUSY, long busy 9900..9905               -EBUSY   (try again)
 *   H_HARDWARE                                 -EIO
 *   H_FUNCTION                                 -ENOSYS  (no such call here)
 *   H_PRIVILEGE, H_AUTHORITY, H_PERMISSION     -EPERM
 *   H_PARAMETER, H_BAD_MODE, H_P2..H_P9,
 *     unsupported flags -256..-511             -EINVAL
 *   H_PTEG_FULL, H_RESOURCE                    -ENOSPC
 *   H_NOT_FOUND                                -ENOENT
 *   H_NO_MEM                                   -ENOMEM
 *   any other status                           -EIO
 */
static inline int hcall_errno(long rc)
{
	if (hcall_is_busy(rc))
		return -EBUSY;
	if ((rc <= H_P2 && rc >= H_P9) ||
	    (rc <= H_UNSUPPORTED_FLAG_FIRST && rc >= H_UNSUPPORTED_FLAG_LAST))
		return -EINVAL;
	switch (rc) {
	case H_SUCCESS:
		return 0;
	case H_FUNCTION:
		return -ENOSYS;
	case H_PRIVILEGE:
	case H_AUTHORITY:
	case H_PERMISSION:
		return -EPERM;
	case H_PARAMETER:
	case H_BAD_MODE:
		return -EINVAL;
	case H_PTEG_FULL:
	case H_RESOURCE:
		return -ENOSPC;
	case H_NOT_FOUND:
		return -ENOENT;
	case H_NO_MEM:
		return -ENOMEM;
	case H_HARDWARE:
	default:
		return -EIO;
	}
}
#endif /* __ASSEMBLY__ */
#endif
