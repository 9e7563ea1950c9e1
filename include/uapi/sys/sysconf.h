/* SPDX-License-Identifier: MIT */
/* Names for sysconf() (AIX's values), and vrm's own. */
#ifndef _UAPI_SYS_SYSCONF_H
#define _UAPI_SYS_SYSCONF_H

#define _SC_CLK_TCK		2
#define _SC_OPEN_MAX		5
#define _SC_PAGESIZE		54
#define _SC_PAGE_SIZE		_SC_PAGESIZE
#define _SC_NPROCESSORS_CONF	71
#define _SC_NPROCESSORS_ONLN	72
#define _SC_VRM_TIMEBASE_FREQ	1000	/* timebase ticks per second (mftb) */
#endif
