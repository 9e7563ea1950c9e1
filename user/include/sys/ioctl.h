/* SPDX-License-Identifier: MIT */
/* ioctl: requests to a device, with AIX's request numbers. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <uapi/sys/ioctl.h>

/* One optional argument, a pointer for the requests defined so far.
 * ENOTTY for a descriptor that is not a terminal. */
int ioctl(int fd, unsigned long request, ...);

#endif /* _SYS_IOCTL_H */
