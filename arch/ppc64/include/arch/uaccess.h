/* SPDX-License-Identifier: MIT */
/* Raw copies between kernel and user memory; callers check the range. */
#ifndef ARCH_UACCESS_H
#define ARCH_UACCESS_H

#include <stddef.h>
#include <stdbool.h>
#include <arch/mmu.h>

/*
 * The storage keys every segment of a task's space is loaded into the SLB
 * with. The MMU takes its key from Kp in problem state and from Ks in
 * privileged state (Power ISA v3.0B Book III, "Storage Protection",
 * "Basic Storage Protection, Address Translation Enabled"); with both at
 * 1, the copies below, which run privileged, get from the PP bits of a
 * task's page exactly the rights the task's own accesses get: PP 01
 * (text, read-only segments) reads only, PP 10 reads and writes, PP 00
 * nothing. A store the task could not make is a protection fault of the
 * copy, whichever system call makes it; nothing in software has to agree
 * with the page table. The kernel writes a page its task may only read
 * through an attachment of its own (vm_att with key 0), never through
 * the task's address.
 */
#define UACCESS_SLB_KEYS	(SLB_VSID_KS | SLB_VSID_KP)

/*
 * 0, or -EFAULT when part of the user side cannot be accessed: a fault
 * the VMM cannot resolve (no segment, beyond its window, no memory) or a
 * protection fault. Everything before the first page that faults has
 * been copied, nothing from that page on (the copies go up in address
 * order, and an aligned doubleword never spans two pages).
 */
long arch_copy_user(void *dst, const void *src, size_t n);
/* The length of the string copied (NUL included in the copy), size when
 * no NUL came within size bytes, or -EFAULT. */
long arch_copy_string_user(char *dst, const char *src, size_t size);

/* True when a fault at nip is one of the copies above (exception.c). */
bool uaccess_fixup(unsigned long *nip);
#endif
