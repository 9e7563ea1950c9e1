/* SPDX-License-Identifier: MIT */
/* Kernel thread ids (AIX's thread_self), for bindprocessor(BINDTHREAD). */
#ifndef _SYS_THREAD_H
#define _SYS_THREAD_H

#include <sys/types.h>

/* The calling thread's id: unique in the partition while it lives. */
tid_t thread_self(void);

#endif /* _SYS_THREAD_H */
