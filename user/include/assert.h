/* SPDX-License-Identifier: MIT */
/* assert(): on failure prints the expression and where, then aborts. */
#ifndef _ASSERT_H
#define _ASSERT_H
void __assert_fail(const char *expr, const char *file, int line, const char *func)
	__attribute__((noreturn));
#endif /* _ASSERT_H */

/* Outside the guard, as C asks: each inclusion follows NDEBUG anew. */
#undef assert
#ifdef NDEBUG
#define assert(e)	((void)0)
#else
#define assert(e)	((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif
