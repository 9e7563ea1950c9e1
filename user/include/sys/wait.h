/* SPDX-License-Identifier: MIT */
/* Waiting for children, and the status word's macros. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <uapi/sys/types.h>
#include <uapi/sys/wait.h>

/* pid -1 waits for any child; options WNOHANG, WUNTRACED, WCONTINUED. */
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);

#endif /* _SYS_WAIT_H */
