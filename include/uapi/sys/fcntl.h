/* SPDX-License-Identifier: MIT */
/* fcntl's commands and descriptor flags (AIX's values). */
#ifndef _UAPI_SYS_FCNTL_H
#define _UAPI_SYS_FCNTL_H

#define F_DUPFD		0	/* the lowest free descriptor >= arg */
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3	/* open's flags */
#define F_SETFL		4	/* only O_NONBLOCK and O_APPEND change */

#define FD_CLOEXEC	1	/* closed by exec */
#endif
