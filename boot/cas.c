// SPDX-License-Identifier: MIT
/* ibm,client-architecture-support: tell the platform what this kernel uses. */
#include <stdint.h>
#include <vrm/endian.h>
#include "boot.h"
#include "of.h"

/*
 * The vector (LoPAR, "ibm,client-architecture-support" in the System
 * Binding appendix; byte numbers count from 1 after each length byte):
 * the processors we run on, then option vectors 1 to 5. QEMU reads
 * vectors 1 and 5 only, the others are present so vector 5 is found.
 */
#define OV5_LEN		26
#define OV5(n)		(ov5 + (n) - 1)

struct cas_vector {
	be32 pvr[6];		/* {mask, value} pairs, then a terminator */
	uint8_t nvec_m1;	/* number of vectors - 1 */
	uint8_t ov1_len_m1;
	uint8_t ov1[3];
	uint8_t ov2_len_m1;
	uint8_t ov2[1];
	uint8_t ov3_len_m1;
	uint8_t ov3[1];
	uint8_t ov4_len_m1;
	uint8_t ov4[1];
	uint8_t ov5_len_m1;
	uint8_t ov5[OV5_LEN];
} __attribute__((packed, aligned(8)));

static struct cas_vector vec;

static void build_vector(void)
{
	/* Raw processors only: QEMU prefers any logical (compatibility) PVR
	 * in the list to a raw match, and vrm needs no compatibility mode. */
	static const uint32_t pvrs[6] = {
		0xffff0000, 0x004e0000,	/* POWER9 */
		0xffff0000, 0x00800000,	/* POWER10 */
		0x00000000, 0xffffffff,	/* terminator: value outside its mask */
	};
	uint8_t *ov5 = vec.ov5;

	for (int i = 0; i < 6; i++)
		vec.pvr[i] = cpu_to_be32(pvrs[i]);
	vec.nvec_m1 = 5 - 1;
	vec.ov1_len_m1 = sizeof(vec.ov1) - 1;
	vec.ov1[2] = 0x80;		/* byte 3: ISA 3.00 */
	vec.ov2_len_m1 = 0;
	vec.ov3_len_m1 = 0;
	vec.ov4_len_m1 = 0;
	vec.ov5_len_m1 = OV5_LEN - 1;
	*OV5(2) = 0x20;			/* ibm,dynamic-reconfiguration-memory */
	*OV5(6) = 0x04;			/* hot-plug events on their own interrupt */
	*OV5(22) = 0x80;		/* ibm,dynamic-memory-v2 */
	*OV5(23) = 0x00;		/* interrupt controller: XICS */
	*OV5(24) = 0x00;		/* MMU: hashed page table */
}

void boot_cas(void)
{
	uint32_t ret[2];
	ihandle_t root;

	build_vector();
	root = of_open("/");
	if (!root)
		of_fatal("cannot open / for client-architecture-support", 0);
	if (of_call_method("ibm,client-architecture-support", root, of_cell(&vec), ret) ||
	    ret[0] != 0 || ret[1] != 0)
		of_fatal("client-architecture-support refused", ret[0] ? ret[0] : ret[1]);
}
