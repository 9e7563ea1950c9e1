/* SPDX-License-Identifier: MIT */
/* uname(): AIX's structure of 32-byte fields. */
#ifndef _UAPI_SYS_UTSNAME_H
#define _UAPI_SYS_UTSNAME_H

#define _SYS_NMLN	32

struct utsname {
	char sysname[_SYS_NMLN];	/* "vrm" */
	char nodename[_SYS_NMLN];
	char release[_SYS_NMLN];	/* the kernel version */
	char version[_SYS_NMLN];	/* the firmware it booted from */
	char machine[_SYS_NMLN];	/* "ppc64le" */
};
#endif
