/* SPDX-License-Identifier: MIT */
/* vmgetinfo(): the VMM's counters. */
#ifndef _SYS_VMINFO_H
#define _SYS_VMINFO_H

#include <uapi/sys/vminfo.h>

/* AIX's call: vmgetinfo(&vi, VMINFO, sizeof(vi)). */
int vmgetinfo(void *out, int command, int arg);

#endif /* _SYS_VMINFO_H */
