/* SPDX-License-Identifier: MIT */
/* Integer limits, and the path limits of the file interface. */
#ifndef _LIMITS_H
#define _LIMITS_H

#include <libc/limits.h>

/* The same definitions as <uapi/sys/file.h>'s: a change there that is not
 * made here stops the build with a redefinition error. */
#define NAME_MAX	255
#define PATH_MAX	1024
/* As <uapi/sys/ioctl.h>'s: the longest line the terminal takes. */
#define MAX_CANON	1024

#endif /* _LIMITS_H */
