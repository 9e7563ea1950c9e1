/* SPDX-License-Identifier: MIT */
/*
 * ioctl requests: AIX's encoding (BSD's) and AIX's numbers. Only the
 * console answers any: its foreground process group, which tcgetpgrp and
 * tcsetpgrp of <unistd.h> read and set. Any other descriptor gives
 * ENOTTY, an unknown request on the console EINVAL.
 */
#ifndef _UAPI_SYS_IOCTL_H
#define _UAPI_SYS_IOCTL_H

#define IOCPARM_MASK	0x7f		/* size of the argument, in bytes */
#define IOC_VOID	0x20000000u	/* no argument */
#define IOC_OUT		0x40000000u	/* the kernel writes the argument */
#define IOC_IN		0x80000000u	/* the kernel reads it */

#define _IOC(dir, group, num, len) \
	((dir) | (((len) & IOCPARM_MASK) << 16) | ((group) << 8) | (num))
#define _IO(group, num)		_IOC(IOC_VOID, (group), (num), 0)
#define _IOR(group, num, type)	_IOC(IOC_OUT, (group), (num), sizeof(type))
#define _IOW(group, num, type)	_IOC(IOC_IN, (group), (num), sizeof(type))

/* The longest line the terminal takes, its end (newline or end of file)
 * included; it refuses further characters with the bell. */
#define MAX_CANON	1024

/* The terminal's foreground process group (a pid_t, an int). */
#define TIOCGPGRP	_IOR('t', 119, int)
#define TIOCSPGRP	_IOW('t', 118, int)

#endif
