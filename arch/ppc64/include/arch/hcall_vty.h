/* SPDX-License-Identifier: MIT */
/* Virtual terminal hcalls: H_PUT_TERM_CHAR, H_GET_TERM_CHAR. */
#ifndef ARCH_HCALL_VTY_H
#define ARCH_HCALL_VTY_H

#include <stddef.h>
#include <arch/hcall.h>

/*
 * LoPAR "Virtual Terminal Support" (function set hcall-term); QEMU
 * hw/char/spapr_vty.c. Up to 16 bytes a call travel in two registers,
 * the first byte in the most significant byte of the first.
 */
#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58

#ifndef __ASSEMBLY__
static inline uint64_t be64_bytes(const char b[static 8])
{
	return (uint64_t)(unsigned char)b[0] << 56 | (uint64_t)(unsigned char)b[1] << 48 |
	       (uint64_t)(unsigned char)b[2] << 40 | (uint64_t)(unsigned char)b[3] << 32 |
	       (uint64_t)(unsigned char)b[4] << 24 | (uint64_t)(unsigned char)b[5] << 16 |
	       (uint64_t)(unsigned char)b[6] << 8 | (uint64_t)(unsigned char)b[7];
}

static inline void bytes_be64(char b[static 8], uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (char)(v >> (56 - 8 * i));
}

/* Writes up to 16 bytes to a virtual terminal. H_BUSY means try again. */
static inline long hv_put_term_char(unsigned long vterm, size_t len, const char buf[static 16])
{
	return hcall_noret(H_PUT_TERM_CHAR, vterm, len, be64_bytes(buf),
			   be64_bytes(buf + 8), 0, 0);
}

/* Reads up to 16 pending bytes; returns the status, *len the count. */
static inline long hv_get_term_char(unsigned long vterm, char buf[static 16], size_t *len)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_GET_TERM_CHAR, ret, vterm, 0, 0, 0, 0, 0);

	*len = rc == H_SUCCESS ? ret[0] : 0;
	bytes_be64(buf, ret[1]);
	bytes_be64(buf + 8, ret[2]);
	return rc;
}
#endif /* __ASSEMBLY__ */
#endif
