/* SPDX-License-Identifier: MIT */
/* uname(): system, release, firmware and machine names. */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <uapi/sys/utsname.h>

int uname(struct utsname *u);

#endif /* _SYS_UTSNAME_H */
