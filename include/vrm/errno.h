/* SPDX-License-Identifier: MIT */
/* Kernel functions return 0 or a negative error number from this set. */
#ifndef VRM_ERRNO_H
#define VRM_ERRNO_H

#include <uapi/errno.h>

const char *strerror(int err);
#endif
