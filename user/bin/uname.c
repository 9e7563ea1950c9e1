/* SPDX-License-Identifier: MIT */
/* uname [-asnrvm]: the system's names (by default only the system name). */

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	static const char flags[] = "snrvm";	/* in uname's field order */
	struct utsname u;
	const char *field[5];
	unsigned int want = 0;
	const char *sep = "";

	for (int i = 1; i < argc; i++) {
		const char *p = argv[i];

		if (*p++ != '-' || !*p)
			goto usage;
		for (; *p; p++) {
			const char *f = strchr(flags, *p);

			if (*p == 'a')
				want = 0x1f;
			else if (f)
				want |= 1u << (f - flags);
			else
				goto usage;
		}
	}
	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	field[0] = u.sysname;
	field[1] = u.nodename;
	field[2] = u.release;
	field[3] = u.version;
	field[4] = u.machine;
	for (int i = 0; i < 5; i++)
		if ((want ? want : 1u) & (1u << i)) {
			printf("%s%.*s", sep, _SYS_NMLN, field[i]);
			sep = " ";
		}
	putchar('\n');
	return 0;
usage:
	fprintf(stderr, "usage: uname [-asnrvm]\n");
	return 2;
}
