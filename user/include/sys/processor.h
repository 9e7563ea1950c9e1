/* SPDX-License-Identifier: MIT */
/* bindprocessor(): run a process or thread on one CPU only. */
#ifndef _SYS_PROCESSOR_H
#define _SYS_PROCESSOR_H

#include <uapi/sys/processor.h>

/* what is BINDPROCESS or BINDTHREAD, where a CPU number or
 * PROCESSOR_CLASS_ANY to unbind. */
int bindprocessor(int what, int who, cpu_t where);

#endif /* _SYS_PROCESSOR_H */
