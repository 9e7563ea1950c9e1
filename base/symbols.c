// SPDX-License-Identifier: MIT
/* Symbol lookup in the table tools/mksyms.py links into the image. */
#include <string.h>
#include <vrm/symbols.h>

/* Emitted by tools/mksyms.py: addresses ascending, name offsets alongside. */
extern const unsigned long ksym_count;
extern const unsigned long ksym_addrs[];
extern const unsigned int ksym_name_offsets[];
extern const char ksym_names[];
extern char _image_start[], __bss_start[];

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	unsigned long lo = 0, hi = ksym_count;

	if (!ksym_count || addr < ksym_addrs[0] || addr >= (unsigned long)__bss_start)
		return NULL;
	/* The last symbol at or below addr. */
	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;

		if (ksym_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksym_addrs[lo];
	return ksym_names + ksym_name_offsets[lo];
}

unsigned long ksym_address(const char *name)
{
	for (unsigned long i = 0; i < ksym_count; i++)
		if (!strcmp(ksym_names + ksym_name_offsets[i], name))
			return ksym_addrs[i];
	return 0;
}
