/* SPDX-License-Identifier: MIT */
/* System information calls: uname, the kernel's sysconf, getprocs, the kernel log. */

#include <sys/klog.h>
#include <sys/procinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sys.h"

int uname(struct utsname *u)
{
	return sys1(SYS_uname, u);
}

/* The names the kernel answers (user/lib/sysconf.c asks). */
long __sysconf_kernel(int name);

long __sysconf_kernel(int name)
{
	return sys1(SYS_sysconf, name);
}

int getprocs(struct procentry *buf, int count)
{
	return sys2(SYS_getprocs, buf, count);
}

long klog_read(char *buf, size_t size)
{
	return sys2(SYS_klog_read, buf, size);
}
