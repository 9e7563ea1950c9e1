// SPDX-License-Identifier: MIT
/* The kernel command line: the kernel's key=value words, then init's. */
#include <string.h>
#include <uapi/errno.h>
#include <vrm/cmdline.h>

static char line[512];

void cmdline_set(const char *args)
{
	strlcpy(line, args, sizeof(line));
}

const char *cmdline(void)
{
	return line;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

static const char *word_end(const char *p)
{
	const char *end = strchr(p, ' ');

	return end ? end : p + strlen(p);
}

static bool is_separator(const char *p, const char *end)
{
	return end - p == 2 && p[0] == '-' && p[1] == '-';
}

bool cmdline_get(const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);

	for (const char *p = skip_spaces(line); *p; p = skip_spaces(p)) {
		const char *end = word_end(p);

		if (is_separator(p, end))
			break;
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

int cmdline_init_words(char *buf, size_t size, const char **words, unsigned int max)
{
	const char *p = skip_spaces(line);
	unsigned int n = 0;
	size_t used = 0;

	while (*p && !is_separator(p, word_end(p)))
		p = skip_spaces(word_end(p));
	if (!*p)
		return 0;
	for (p = skip_spaces(p + 2); *p; p = skip_spaces(p)) {
		const char *end = word_end(p);
		size_t len = end - p;

		if (n == max || used + len + 1 > size)
			return -E2BIG;
		memcpy(buf + used, p, len);
		buf[used + len] = 0;
		words[n++] = buf + used;
		used += len + 1;
		p = end;
	}
	return n;
}
