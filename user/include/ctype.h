/* SPDX-License-Identifier: MIT */
/* Character classes: the kernel's, ASCII only, no locale. */
#ifndef _CTYPE_H
#define _CTYPE_H

#include <libc/ctype.h>

#endif /* _CTYPE_H */
