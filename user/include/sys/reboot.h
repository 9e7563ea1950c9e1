/* SPDX-License-Identifier: MIT */
/* reboot(): re-IPL or power off the partition (root only). */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <uapi/sys/reboot.h>

int reboot(int howto);

#endif /* _SYS_REBOOT_H */
