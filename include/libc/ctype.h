/* SPDX-License-Identifier: MIT */
/* Character classes of the freestanding C library: ASCII only, no locale. */
#ifndef VRM_LIBC_CTYPE_H
#define VRM_LIBC_CTYPE_H

/*
 * Every argument outside 0..127 (EOF, bytes with the top bit set) is in no
 * class, as in C's "C" locale.
 */

static inline int isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline int islower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline int isalpha(int c)
{
	return isupper(c) || islower(c);
}

static inline int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

static inline int isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Space, \t, \n, \v, \f and \r. */
static inline int isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int isprint(int c)
{
	return c >= ' ' && c <= '~';
}

static inline int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}

static inline int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}

#endif /* VRM_LIBC_CTYPE_H */
