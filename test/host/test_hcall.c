/* SPDX-License-Identifier: MIT */
/* Host tests of the typed hcall wrappers (arch/ppc64/include/arch/hcall_*.h):
 * each puts its call number and arguments where PAPR wants them and reads
 * its results from the right registers, seen through fake calling shapes;
 * the flag words against the values LoPAR and Linux use; the one table
 * from hcall status to errno. */

#include <stdint.h>
#include <stdio.h>

#include <arch/hcall_cpu.h>
#include <arch/hcall_hpt.h>
#include <arch/hcall_nested.h>
#include <arch/hcall_tce.h>
#include <arch/hcall_vty.h>
#include <arch/hcall_xics.h>
#include <vrm/errno.h>

#include "tap.h"

/* The fake hypervisor: what the last call passed, what the next returns. */
enum shape { NORET, RET4, RET9, INOUT8 };
static struct {
	enum shape shape;
	unsigned long op;
	unsigned long arg[8];	/* r4 upwards */
} last;
static unsigned long answer[9];	/* r4 upwards after the call */
static long status;

static long record(enum shape shape, unsigned long op, const unsigned long *args, int n)
{
	last.shape = shape;
	last.op = op;
	for (int i = 0; i < 8; i++)
		last.arg[i] = i < n ? args[i] : 0;
	return status;
}

long hcall_noret(unsigned long op, unsigned long a1, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	const unsigned long a[] = { a1, a2, a3, a4, a5, a6 };

	return record(NORET, op, a, 6);
}

long hcall_ret4(unsigned long op, unsigned long ret[static 4], unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5,
		unsigned long a6)
{
	const unsigned long a[] = { a1, a2, a3, a4, a5, a6 };

	for (int i = 0; i < 4; i++)
		ret[i] = answer[i];
	return record(RET4, op, a, 6);
}

long hcall_ret9(unsigned long op, unsigned long ret[static 9], unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5,
		unsigned long a6)
{
	const unsigned long a[] = { a1, a2, a3, a4, a5, a6 };

	for (int i = 0; i < 9; i++)
		ret[i] = answer[i];
	return record(RET9, op, a, 6);
}

long hcall_inout8(unsigned long op, uint64_t regs[static 8])
{
	long rc = record(INOUT8, op, regs, 8);

	for (int i = 0; i < 8; i++)
		regs[i] = answer[i];
	return rc;
}

/* The last call had this shape, number and leading arguments, and zeros
 * after them. */
static bool called(enum shape shape, unsigned long op, int n, const unsigned long *args)
{
	if (last.shape != shape || last.op != op)
		return false;
	for (int i = 0; i < 8; i++)
		if (last.arg[i] != (i < n ? args[i] : 0))
			return false;
	return true;
}

#define CALLED(shape, op, ...)							\
	called((shape), (op), sizeof((unsigned long[]){ __VA_ARGS__ }) /		\
	       sizeof(unsigned long), (unsigned long[]){ __VA_ARGS__ })

static void test_hpt(void)
{
	unsigned long slot;
	uint64_t v, r, vr[8], pairs[2 * H_BULK_PAIRS];
	bool same = true;

	answer[0] = 0x1234;
	ok(hv_enter(0, 0x40, 0x111, 0x222, &slot) == H_SUCCESS &&
	   CALLED(RET4, 0x08, 0, 0x40, 0x111, 0x222) && slot == 0x1234,
	   "H_ENTER: flags, PTEX, V, R in r4..r7; the slot from r4");
	answer[0] = 0xaaa;
	answer[1] = 0xbbb;
	ok(hv_remove(0x41, 0x3380, &v, &r) == H_SUCCESS &&
	   CALLED(RET4, 0x04, H_AVPN, 0x41, 0x3380) && v == 0xaaa && r == 0xbbb,
	   "H_REMOVE: H_AVPN, PTEX, AVPN; old V and R from r4, r5");
	for (int i = 0; i < 9; i++)
		answer[i] = 0x100 + i;
	ok(hv_read4(0x48, vr) == H_SUCCESS && CALLED(RET9, 0x0c, H_READ_4, 0x48),
	   "H_READ: H_READ_4, PTEX");
	for (int i = 0; i < 8; i++)
		same = same && vr[i] == 0x100u + i;
	ok(same, "H_READ: four V, R pairs from r4..r11");
	for (int i = 0; i < 8; i++)
		pairs[i] = 0x10 + i;
	ok(hv_bulk_remove(pairs) == H_SUCCESS &&
	   CALLED(INOUT8, 0x124, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17) &&
	   pairs[0] == 0x100 && pairs[7] == 0x107,
	   "H_BULK_REMOVE: eight words in r4..r11 and back");
	answer[0] = 0x180;
	ok(hv_clear_ref(0x49, &r) == H_SUCCESS && CALLED(RET4, 0x14, 0, 0x49) && r == 0x180,
	   "H_CLEAR_REF: flags 0, PTEX; old R from r4");
	ok(hv_clear_mod(0x4a, &r) == H_SUCCESS && CALLED(RET4, 0x10, 0, 0x4a),
	   "H_CLEAR_MOD: flags 0, PTEX");

	/* IBM bit n of the flags word: LoPAR's numbers, Linux's hvcall.h values. */
	is_hex(H_EXACT, 0x0000008000000000ull, "H_EXACT is flags bit 24");
	is_hex(H_READ_4, 0x0000002000000000ull, "H_READ_4 is flags bit 26");
	is_hex(H_AVPN, 0x0000000080000000ull, "H_AVPN is flags bit 32");
	is_hex(H_BULK_REQUEST, 0x4000000000000000ull, "H_BULK_REMOVE request type");
	is_hex(H_BULK_RESPONSE, 0x8000000000000000ull, "H_BULK_REMOVE response type");
	is_hex(H_BULK_END, 0xc000000000000000ull, "H_BULK_REMOVE end of list");
	is_hex(H_BULK_CODE, 0x3000000000000000ull, "H_BULK_REMOVE response code field");
	is_hex(H_BULK_CODE_NOT_FOUND, 0x1000000000000000ull, "H_BULK_REMOVE not found");
	is_hex(H_BULK_AVPN, 0x0200000000000000ull, "H_BULK_REMOVE AVPN flag");
	is_hex(H_BULK_PTEX, 0x00ffffffffffffffull, "H_BULK_REMOVE PTEX field");
	ok((H_BULK_TYPE & H_BULK_CODE) == 0 && (H_BULK_CODE & H_BULK_AVPN) == 0 &&
	   (H_BULK_AVPN & H_BULK_PTEX) == 0, "H_BULK_REMOVE fields do not overlap");
}

static void test_xics(void)
{
	uint32_t xirr;

	answer[0] = 0xffffffff05001100ul;
	ok(hv_xirr(&xirr) == H_SUCCESS && CALLED(RET4, 0x74) && xirr == 0x05001100,
	   "H_XIRR: no arguments; the XIRR is the low word of r4");
	ok(hv_eoi(0x05001100) == H_SUCCESS && CALLED(NORET, 0x64, 0x05001100), "H_EOI: the XIRR");
	ok(hv_cppr(0xff) == H_SUCCESS && CALLED(NORET, 0x68, 0xff), "H_CPPR: the priority");
	ok(hv_ipi(3, 4) == H_SUCCESS && CALLED(NORET, 0x6c, 3, 4), "H_IPI: server, MFRR");
}

static void test_vty(void)
{
	char out[16] = "hello, world!\r\n", in[16];
	size_t len;

	ok(hv_put_term_char(0x71000000, 15, out) == H_SUCCESS &&
	   CALLED(NORET, 0x58, 0x71000000, 15, 0x68656c6c6f2c2077ul, 0x6f726c64210d0a00ul),
	   "H_PUT_TERM_CHAR: unit, count, the bytes first byte most significant");
	answer[0] = 3;
	answer[1] = 0x6f6b0a0000000000ul;
	answer[2] = 0;
	ok(hv_get_term_char(0x71000000, in, &len) == H_SUCCESS &&
	   CALLED(RET4, 0x54, 0x71000000) && len == 3 && in[0] == 'o' && in[1] == 'k' &&
	   in[2] == '\n', "H_GET_TERM_CHAR: the count from r4, the bytes from r5, r6");
	status = H_HARDWARE;
	ok(hv_get_term_char(0x71000000, in, &len) == H_HARDWARE && len == 0,
	   "H_GET_TERM_CHAR: no bytes when the call fails");
	status = H_SUCCESS;
}

static void test_cpu(void)
{
	ok(hv_cede() == H_SUCCESS && CALLED(NORET, 0xe0), "H_CEDE: no arguments");
	ok(hv_set_mode(H_SET_MODE_ENDIAN_LITTLE, H_SET_MODE_RESOURCE_LE, 0, 0) == H_SUCCESS &&
	   CALLED(NORET, 0x31c, 1, 4), "H_SET_MODE: mode flags, resource, values");
}

static void test_tce(void)
{
	ok(hv_put_tce(0x80000000, 0x3000, 0x12345000 | TCE_READ | TCE_WRITE) == H_SUCCESS &&
	   CALLED(NORET, 0x20, 0x80000000, 0x3000, 0x12345003), "H_PUT_TCE: LIOBN, I/O address, TCE");
	ok(hv_stuff_tce(0x80000000, 0, 0, 512) == H_SUCCESS &&
	   CALLED(NORET, 0x138, 0x80000000, 0, 0, 512),
	   "H_STUFF_TCE: LIOBN, I/O address, TCE, count");
	is_hex(TCE_READ, 1, "TCE: device may read is bit 63");
	is_hex(TCE_WRITE, 2, "TCE: device may write is bit 62");
	is_hex(TCE_RPN, ~0ull << TCE_SHIFT, "TCE: the real page is bits 0-51");
}

static void test_nested(void)
{
	ok(hv_set_partition_table(0x12340000 | 4) == H_SUCCESS &&
	   CALLED(NORET, 0xf800, 0x12340004), "H_SET_PARTITION_TABLE: the PTCR");
	is_hex(PTCR_PATS, 0x1f, "PTCR: the table's size is bits 59-63");
	is_hex(PTCR_PATB, 0x0ffffffffffff000ull, "PTCR: the table's address is bits 4-51");
}

/* hcall_errno against its table in hcall.h, every listed status and the
 * neighbours of each range, which are not in it. */
static void test_errno(void)
{
	static const struct {
		long status;
		int err;
	} table[] = {
		{ 0, 0 },		/* H_SUCCESS */
		{ 1, -EBUSY },		/* H_BUSY */
		{ 9900, -EBUSY }, { 9901, -EBUSY }, { 9902, -EBUSY },
		{ 9903, -EBUSY }, { 9904, -EBUSY }, { 9905, -EBUSY },
		{ -1, -EIO },		/* H_HARDWARE */
		{ -2, -ENOSYS },	/* H_FUNCTION */
		{ -3, -EPERM },		/* H_PRIVILEGE */
		{ -4, -EINVAL },	/* H_PARAMETER */
		{ -5, -EINVAL },	/* H_BAD_MODE */
		{ -6, -ENOSPC },	/* H_PTEG_FULL */
		{ -7, -ENOENT },	/* H_NOT_FOUND */
		{ -9, -ENOMEM },	/* H_NO_MEM */
		{ -10, -EPERM },	/* H_AUTHORITY */
		{ -11, -EPERM },	/* H_PERMISSION */
		{ -16, -ENOSPC },	/* H_RESOURCE */
		{ -55, -EINVAL }, { -56, -EINVAL }, { -57, -EINVAL }, { -58, -EINVAL },
		{ -59, -EINVAL }, { -60, -EINVAL }, { -61, -EINVAL }, { -62, -EINVAL },
		{ -256, -EINVAL }, { -300, -EINVAL }, { -511, -EINVAL },
		/* Not in the table: an error the caller reports as I/O. */
		{ 2, -EIO }, { 9899, -EIO }, { 9906, -EIO }, { -8, -EIO }, { -12, -EIO },
		{ -54, -EIO }, { -63, -EIO }, { -255, -EIO }, { -512, -EIO },
		{ -9005, -EIO },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		is_int(hcall_errno(table[i].status), table[i].err, "hcall_errno(%ld)",
		       table[i].status);
	is_int(H_SUCCESS, 0, "H_SUCCESS is 0");
	is_int(H_FUNCTION, -2, "H_FUNCTION is -2");
	is_int(H_PTEG_FULL, -6, "H_PTEG_FULL is -6");
	is_int(H_NOT_FOUND, -7, "H_NOT_FOUND is -7");
	ok(hcall_is_busy(1) && hcall_is_busy(9900) && hcall_is_busy(9905) &&
	   !hcall_is_busy(0) && !hcall_is_busy(9906) && !hcall_is_busy(-1),
	   "hcall_is_busy: H_BUSY and 9900..9905 only");
}

int main(void)
{
	test_errno();
	test_hpt();
	test_xics();
	test_vty();
	test_cpu();
	test_tce();
	test_nested();
	return done_testing();
}
