/* SPDX-License-Identifier: MIT */
/* getprocs(): a snapshot of the tasks. */
#ifndef _SYS_PROCINFO_H
#define _SYS_PROCINFO_H

#include <uapi/sys/procinfo.h>

/* Fills at most count entries; returns how many were filled. */
int getprocs(struct procentry *buf, int count);

#endif /* _SYS_PROCINFO_H */
