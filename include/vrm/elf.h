/* SPDX-License-Identifier: MIT */
/* Checking a program: a static ELF64 little-endian PowerPC executable.
 * Pure code: tested on the host. */
#ifndef VRM_ELF_H
#define VRM_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define ELF_MAX_LOADS	4
#define EI_NIDENT	16

/* The file's own layouts (ELF-64 Object File Format). */
struct elf64_ehdr {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};


struct elf_load {
	uint64_t vaddr, memsz;	/* where it lies in the task's space */
	uint64_t offset, filesz;	/* what of the file goes there */
	bool write, exec;
};

struct elf_image {
	uint64_t entry;
	unsigned int nloads;
	struct elf_load loads[ELF_MAX_LOADS];
};

/*
 * Checks the file (size bytes) and describes its loadable segments.
 * Accepts ET_EXEC, ELFCLASS64, ELFDATA2LSB, EM_PPC64, ELFv2 (e_flags 0..2)
 * with 1..ELF_MAX_LOADS PT_LOAD headers, each inside the file and inside
 * [lowest, limit), none crossing a 256 MB boundary, the entry inside an
 * executable one. PT_INTERP (dynamic linking) and PT_TLS are refused.
 * 0 or -ENOEXEC.
 */
int elf_check(const void *file, size_t size, uint64_t lowest, uint64_t limit,
	      struct elf_image *out);
#endif
