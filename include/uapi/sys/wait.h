/* SPDX-License-Identifier: MIT */
/* waitpid options and the status word (exit code in bits 8..15, the
 * terminating signal in bits 0..6, 0x80 when a core-style dump was printed,
 * 0x7f in the low byte for a stopped child). */
#ifndef _UAPI_SYS_WAIT_H
#define _UAPI_SYS_WAIT_H

#define WNOHANG		0x1
#define WUNTRACED	0x2
#define WCONTINUED	0x4

#define WIFEXITED(s)	(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)	((s) & 0x7f)
#define WCOREDUMP(s)	(((s) & 0x80) != 0)
#define WIFSTOPPED(s)	(((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)	(((s) >> 8) & 0xff)
#define WIFCONTINUED(s)	((s) == 0xffff)
#endif
