// SPDX-License-Identifier: MIT
/* copyin, copyout and copyinstr: range checks, then the arch copies. */
#include <stdint.h>
#include <arch/uaccess.h>
#include <vrm/errno.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>

bool user_range_ok(const void *uaddr, size_t n)
{
	uint64_t a = (uint64_t)uaddr;

	return a < USER_TOP && n <= USER_TOP - a;
}

bool user_writable(void *uaddr, size_t n)
{
	return user_range_ok(uaddr, n) && aspace_user_writable((uint64_t)uaddr, n);
}

int copyin(void *dst, const void *usrc, size_t n)
{
	if (!user_range_ok(usrc, n))
		return -EFAULT;
	return (int)arch_copy_user(dst, usrc, n);
}

int copyout(void *udst, const void *src, size_t n)
{
	if (!user_range_ok(udst, n))
		return -EFAULT;
	return (int)arch_copy_user(udst, src, n);
}

long copyinstr(char *dst, const char *usrc, size_t size)
{
	uint64_t a = (uint64_t)usrc;
	long len;

	if (!size || a >= USER_TOP)
		return -EFAULT;
	/* Never read past the end of task space. */
	if (size > USER_TOP - a)
		size = USER_TOP - a;
	len = arch_copy_string_user(dst, usrc, size);
	if (len < 0)
		return len;
	if ((size_t)len == size) {
		dst[size - 1] = 0;
		return -ENAMETOOLONG;
	}
	return len;
}

long user_strnlen(const char *us, size_t max)
{
	char chunk[128];
	uint64_t a = (uint64_t)us;
	size_t len = 0;

	if (a >= USER_TOP)
		return -EFAULT;
	/* Never read past the end of task space. */
	if (max > USER_TOP - a)
		max = USER_TOP - a;
	while (len < max) {
		size_t n = max - len < sizeof(chunk) ? max - len : sizeof(chunk);
		long got = arch_copy_string_user(chunk, us + len, n);

		if (got < 0)
			return got;
		if ((size_t)got < n)
			return (long)(len + (size_t)got);
		len += n;
	}
	return -ENAMETOOLONG;
}
