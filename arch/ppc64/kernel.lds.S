/* SPDX-License-Identifier: MIT */
/* Kernel image layout: linked at KERNEL_BASE + KERNEL_LOAD_PA, loaded at KERNEL_LOAD_PA. */
#include <arch/memlayout.h>

OUTPUT_FORMAT("elf64-powerpcle")
OUTPUT_ARCH(powerpc:common64)
ENTRY(_start)

PHDRS
{
	image PT_LOAD FLAGS(7);
}

SECTIONS
{
	. = KERNEL_BASE + KERNEL_LOAD_PA;
	_image_start = .;

	/* The entry must be the lowest address: firmware ignores e_entry. */
	.text : AT(ADDR(.text) - KERNEL_BASE) {
		KEEP(*(.text.head))
		*(.text .text.*)
	} :image

	/* Interrupt vectors, copied to real address 0 once firmware is gone. */
	. = ALIGN(0x100);
	.vectors : AT(ADDR(.vectors) - KERNEL_BASE) {
		_vectors_start = .;
		KEEP(*(.vectors))
		_vectors_end = .;
	}

	.rodata : AT(ADDR(.rodata) - KERNEL_BASE) {
		*(.rodata .rodata.*)
	}

	. = ALIGN(8);
	.ktest : AT(ADDR(.ktest) - KERNEL_BASE) {
		__ktest_start = .;
		KEEP(*(SORT(.ktest.*)))
		__ktest_end = .;
	}

	.data : AT(ADDR(.data) - KERNEL_BASE) {
		*(.data .data.*)
		*(.sdata .sdata.*)
	}

	. = ALIGN(256);
	.got : AT(ADDR(.got) - KERNEL_BASE) {
		__toc_start = .;
		*(.got .toc)
	}

	/* Symbol table for backtraces: text symbols only, placed after
	 * everything they name, so its size moves no named address. */
	.ksyms : AT(ADDR(.ksyms) - KERNEL_BASE) {
		KEEP(*(.ksyms))
	}

	. = ALIGN(0x1000);
	.bss : AT(ADDR(.bss) - KERNEL_BASE) {
		__bss_start = .;
		*(.sbss .sbss.*)
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(0x1000);
		__bss_end = .;
	}
	_image_end = .;


	/DISCARD/ : {
		*(.comment) *(.note.*) *(.eh_frame) *(.gnu.attributes)
	}
}
