/* SPDX-License-Identifier: MIT */
/* kcount(): the kernel's live objects (tasks, ports, segments, frames, heap). */
#ifndef _SYS_KCOUNT_H
#define _SYS_KCOUNT_H

#include <stddef.h>
#include <uapi/sys/kcount.h>

/* Fills up to size bytes of *out; 0, or -1 with errno (EFAULT, EINVAL). */
int kcount(struct kcount *out, size_t size);

#endif /* _SYS_KCOUNT_H */
