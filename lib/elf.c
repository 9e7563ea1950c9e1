// SPDX-License-Identifier: MIT
/* The ELF checks of exec: header, program headers, their ranges. */
#include <string.h>
#include <vrm/elf.h>
#include <uapi/errno.h>

#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define EM_PPC64	21
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_TLS		7
#define PF_X		1
#define PF_W		2
#define SEGMENT_BYTES	(1ull << 28)

static bool header_ok(const struct elf64_ehdr *h, size_t size)
{
	return !memcmp(h->e_ident, "\177ELF", 4) && h->e_ident[4] == ELFCLASS64 &&
	       h->e_ident[5] == ELFDATA2LSB && h->e_ident[6] == EV_CURRENT &&
	       h->e_type == ET_EXEC && h->e_machine == EM_PPC64 && h->e_version == EV_CURRENT &&
	       h->e_flags <= 2 && h->e_phentsize == sizeof(struct elf64_phdr) &&
	       h->e_phnum > 0 && h->e_phoff <= size &&
	       (size - h->e_phoff) / sizeof(struct elf64_phdr) >= h->e_phnum;
}

static bool load_ok(const struct elf64_phdr *p, size_t size, uint64_t lowest, uint64_t limit)
{
	uint64_t end = p->p_vaddr + p->p_memsz;

	return p->p_filesz <= p->p_memsz && p->p_offset <= size &&
	       p->p_filesz <= size - p->p_offset && p->p_memsz > 0 && end > p->p_vaddr &&
	       p->p_vaddr >= lowest && end <= limit &&
	       p->p_vaddr / SEGMENT_BYTES == (end - 1) / SEGMENT_BYTES;
}

int elf_check(const void *file, size_t size, uint64_t lowest, uint64_t limit,
	      struct elf_image *out)
{
	struct elf64_ehdr h;
	bool entry_ok = false;

	if (size < sizeof(h))
		return -ENOEXEC;
	memcpy(&h, file, sizeof(h));
	if (!header_ok(&h, size))
		return -ENOEXEC;
	memset(out, 0, sizeof(*out));
	out->entry = h.e_entry;
	for (unsigned int i = 0; i < h.e_phnum; i++) {
		struct elf64_phdr p;
		struct elf_load *l;

		memcpy(&p, (const char *)file + h.e_phoff + i * sizeof(p), sizeof(p));
		if (p.p_type == PT_INTERP || p.p_type == PT_TLS)
			return -ENOEXEC;
		if (p.p_type != PT_LOAD)
			continue;
		if (out->nloads == ELF_MAX_LOADS || !load_ok(&p, size, lowest, limit))
			return -ENOEXEC;
		l = &out->loads[out->nloads++];
		*l = (struct elf_load){ p.p_vaddr, p.p_memsz, p.p_offset, p.p_filesz,
					(p.p_flags & PF_W) != 0, (p.p_flags & PF_X) != 0 };
		if (l->exec && h.e_entry >= p.p_vaddr && h.e_entry < p.p_vaddr + p.p_memsz)
			entry_ok = true;
	}
	return out->nloads && entry_ok ? 0 : -ENOEXEC;
}
