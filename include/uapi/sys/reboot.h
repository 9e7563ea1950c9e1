/* SPDX-License-Identifier: MIT */
/* reboot(): what init asks of the partition. */
#ifndef _UAPI_SYS_REBOOT_H
#define _UAPI_SYS_REBOOT_H

#define RB_AUTOBOOT	0	/* re-IPL the partition (RTAS system-reboot) */
#define RB_POWEROFF	1	/* power the partition off */
#endif
