// SPDX-License-Identifier: MIT
/* The kernel command line from /chosen/bootargs. */
#include <string.h>
#include <libfdt.h>
#include <vrm/cmdline.h>

static char line[512];

void cmdline_init(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", NULL) : NULL;

	if (args)
		strlcpy(line, args, sizeof(line));
}

const char *cmdline(void)
{
	return line;
}

bool cmdline_get(const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *p = line;

	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p) >= klen && !strncmp(p, key, klen) &&
		    (p[klen] == '=' || p + klen == end)) {
			const char *v = p[klen] == '=' ? p + klen + 1 : end;
			size_t n = end - v;

			if (size) {
				if (n >= size)
					n = size - 1;
				memcpy(buf, v, n);
				buf[n] = 0;
			}
			return true;
		}
		p = end;
	}
	return false;
}
