/* SPDX-License-Identifier: MIT */
/* bindprocessor(): AIX's interface for binding a process or a thread to
 * a CPU (a logical CPU number, as sysconf(_SC_NPROCESSORS_ONLN) counts). */
#ifndef _UAPI_SYS_PROCESSOR_H
#define _UAPI_SYS_PROCESSOR_H

#include <uapi/sys/types.h>

#define BINDPROCESS		1	/* who is a pid: every thread of it */
#define BINDTHREAD		2	/* who is a thread id */
#define PROCESSOR_CLASS_ANY	((cpu_t)-1)	/* unbind */
#endif
