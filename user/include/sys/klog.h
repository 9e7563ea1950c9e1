/* SPDX-License-Identifier: MIT */
/* klog_read(): the kernel's log ring, for dmesg (vrm's own call). */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

#include <stddef.h>

/* Copies up to size bytes of the log into buf; returns how many. */
long klog_read(char *buf, size_t size);

#endif /* _SYS_KLOG_H */
