/* SPDX-License-Identifier: MIT */
/* User program layout: text in region 1, data, bss and heap in region 2. */
#include <arch/memlayout.h>

OUTPUT_FORMAT("elf64-powerpcle")
OUTPUT_ARCH(powerpc:common64)
ENTRY(_start)

/*
 * Two loadable segments, each in its own 256 MB segment of the address
 * space: the kernel maps the first read-only and executable, the second
 * read-write; brk grows the heap after the bss, inside that same segment.
 */
PHDRS
{
	text PT_LOAD FLAGS(5);	/* R X */
	data PT_LOAD FLAGS(6);	/* R W */
}

SECTIONS
{
	. = USER_TEXT_BASE;
	.text : {
		*(.text.start)
		*(.text .text.*)
	} :text
	.rodata : {
		*(.rodata .rodata.*)
	} :text

	. = USER_DATA_BASE;
	.data : {
		*(.data .data.*)
		*(.sdata .sdata.*)
	} :data
	/* The TOC: ld sets .TOC. to .got + 0x8000. */
	.got : {
		*(.got .toc)
	} :data
	.bss : {
		*(.sbss .sbss.*)
		*(.bss .bss.*)
		*(COMMON)
	} :data
	_end = .;

	/DISCARD/ : {
		*(.comment) *(.note.*) *(.eh_frame) *(.gnu.attributes)
		*(.interp) *(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
	}
}
