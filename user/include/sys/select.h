/* SPDX-License-Identifier: MIT */
/* select and pselect: which descriptors are ready to read or write. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <signal.h>
#include <sys/time.h>
#include <uapi/sys/select.h>

#define FD_ZERO(set)	__builtin_memset((set), 0, sizeof(fd_set))
#define FD_SET(fd, set)	((set)->fds_bits[(fd) / 64] |= 1ul << ((fd) % 64))
#define FD_CLR(fd, set)	((set)->fds_bits[(fd) / 64] &= ~(1ul << ((fd) % 64)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / 64] >> ((fd) % 64)) & 1)

/* The sets are rewritten with the ready descriptors: their count, 0 when
 * the timeout (NULL: none) passes first. Never restarted after a
 * handler (EINTR). The terminal is readable with a whole line typed. */
int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	   fd_set *restrict exceptfds, struct timeval *restrict timeout);
/* The same with mask (unless NULL) in force during the wait only. */
int pselect(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	    fd_set *restrict exceptfds, const struct timespec *restrict timeout,
	    const sigset_t *restrict mask);

#endif /* _SYS_SELECT_H */
