/* SPDX-License-Identifier: MIT */
/* The environment: environ (crt0 sets it), getenv, setenv, unsetenv. */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char **environ;

/*
 * crt0's environ points into the stack: the first setenv that adds a
 * variable copies the array into one of its own (env_array, env_room
 * entries), which it then grows. The "name=value" strings setenv makes
 * are kept on a list, so that the ones it made are freed when replaced
 * or unset, and the ones it did not make are left alone.
 */
static char **env_array;
static size_t env_room;

struct env_string {
	struct env_string *next;
	char text[];
};

static struct env_string *made;

/* Frees s if setenv made it. */
static void forget(char *s)
{
	for (struct env_string **link = &made; *link; link = &(*link)->next)
		if ((*link)->text == s) {
			struct env_string *e = *link;

			*link = e->next;
			free(e);
			return;
		}
}

static bool name_ok(const char *name)
{
	return name && *name && !strchr(name, '=');
}

static bool is_entry(const char *entry, const char *name, size_t len)
{
	return strncmp(entry, name, len) == 0 && entry[len] == '=';
}

char *getenv(const char *name)
{
	size_t len = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (is_entry(*e, name, len))
			return *e + len + 1;
	return NULL;
}

/* Appends s to environ, in an array of setenv's own; -1 (ENOMEM) if none. */
static int append(char *s)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	if (environ != env_array || n + 2 > env_room) {
		size_t room = (n + 2) * 2;
		char **a = environ == env_array ? realloc(env_array, room * sizeof(*a))
						: malloc(room * sizeof(*a));

		if (!a)
			return -1;
		if (environ != env_array) {
			if (n)
				memcpy(a, environ, n * sizeof(*a));
			free(env_array);
		}
		env_array = environ = a;
		env_room = room;
	}
	environ[n] = s;
	environ[n + 1] = NULL;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t len, vlen;
	struct env_string *e;
	char **slot = NULL;

	if (!name_ok(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	for (char **p = environ; p && *p && !slot; p++)
		if (is_entry(*p, name, len))
			slot = p;
	if (slot && !overwrite)
		return 0;
	vlen = strlen(value);
	e = malloc(sizeof(*e) + len + vlen + 2);
	if (!e)
		return -1;
	memcpy(e->text, name, len);
	e->text[len] = '=';
	memcpy(e->text + len + 1, value, vlen + 1);
	if (slot) {
		forget(*slot);
		*slot = e->text;
	} else if (append(e->text) < 0) {
		free(e);
		return -1;
	}
	e->next = made;
	made = e;
	return 0;
}

int unsetenv(const char *name)
{
	size_t len, w = 0;

	if (!name_ok(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	for (size_t r = 0; environ && environ[r]; r++) {
		if (is_entry(environ[r], name, len))
			forget(environ[r]);
		else
			environ[w++] = environ[r];
	}
	if (environ)
		environ[w] = NULL;
	return 0;
}
