/* SPDX-License-Identifier: MIT */
/* Host tests of lib/elf.c: a program as the SDK links it, then every
 * check exec relies on. */

#include <stdint.h>
#include <string.h>

#include <vrm/elf.h>
#include <uapi/errno.h>

#include "tap.h"

#define SEG	(1ull << 28)
#define LOW	SEG
#define LIMIT	(63 * SEG)

static unsigned char file[8192];

static struct elf64_ehdr *eh(void)
{
	return (struct elf64_ehdr *)file;
}

static struct elf64_phdr *ph(int i)
{
	return (struct elf64_phdr *)(file + sizeof(struct elf64_ehdr)) + i;
}

/* Text at 0x10000000 (R X), data at 0x20000000 (R W, bss beyond). */
static void build(void)
{
	memset(file, 0, sizeof(file));
	memcpy(eh()->e_ident, "\177ELF\2\1\1", 7);
	eh()->e_type = 2;
	eh()->e_machine = 21;
	eh()->e_version = 1;
	eh()->e_entry = SEG + 0x100;
	eh()->e_phoff = sizeof(struct elf64_ehdr);
	eh()->e_flags = 2;
	eh()->e_ehsize = sizeof(struct elf64_ehdr);
	eh()->e_phentsize = sizeof(struct elf64_phdr);
	eh()->e_phnum = 2;
	*ph(0) = (struct elf64_phdr){ 1, 5, 0, SEG, SEG, 4096, 4096, 65536 };
	*ph(1) = (struct elf64_phdr){ 1, 6, 4096, 2 * SEG, 2 * SEG, 100, 9000, 65536 };
}

static int check(void)
{
	struct elf_image img;

	return elf_check(file, sizeof(file), LOW, LIMIT, &img);
}

int main(void)
{
	struct elf_image img;

	build();
	is_int(elf_check(file, sizeof(file), LOW, LIMIT, &img), 0, "a linked program passes");
	ok(img.nloads == 2 && img.entry == SEG + 0x100, "two loads and the entry");
	ok(img.loads[0].exec && !img.loads[0].write && img.loads[1].write &&
	   img.loads[1].memsz == 9000 && img.loads[1].filesz == 100, "their flags and sizes");

	build(); file[0] = 0;
	is_int(check(), -ENOEXEC, "no ELF magic");
	build(); file[4] = 1;
	is_int(check(), -ENOEXEC, "32-bit class");
	build(); file[5] = 2;
	is_int(check(), -ENOEXEC, "big-endian data");
	build(); eh()->e_type = 3;
	is_int(check(), -ENOEXEC, "ET_DYN");
	build(); eh()->e_machine = 20;
	is_int(check(), -ENOEXEC, "32-bit PowerPC machine");
	build(); eh()->e_phnum = 0;
	is_int(check(), -ENOEXEC, "no program headers");
	build(); eh()->e_phoff = sizeof(file) - 10;
	is_int(check(), -ENOEXEC, "program headers past the end");
	build(); ph(1)->p_filesz = 10000;
	is_int(check(), -ENOEXEC, "filesz beyond memsz");
	build(); ph(1)->p_offset = sizeof(file) - 50;
	is_int(check(), -ENOEXEC, "file data past the end");
	build(); ph(0)->p_vaddr = 0x1000;
	is_int(check(), -ENOEXEC, "a load in region 0");
	build(); ph(1)->p_vaddr = LIMIT - 100;
	is_int(check(), -ENOEXEC, "a load reaching the stack region");
	build(); ph(1)->p_vaddr = 3 * SEG - 100;
	is_int(check(), -ENOEXEC, "a load crossing 256 MB");
	build(); ph(1)->p_memsz = ~0ull;
	is_int(check(), -ENOEXEC, "a size that wraps");
	build(); eh()->e_entry = 2 * SEG;
	is_int(check(), -ENOEXEC, "entry outside executable code");
	build(); ph(1)->p_type = 3;
	is_int(check(), -ENOEXEC, "PT_INTERP: dynamically linked");
	build(); eh()->e_phnum = 5;
	for (int i = 2; i < 5; i++)
		*ph(i) = *ph(1);
	is_int(check(), -ENOEXEC, "more loads than exec takes");
	is_int(elf_check(file, 20, LOW, LIMIT, &img), -ENOEXEC, "shorter than a header");
	return done_testing();
}
