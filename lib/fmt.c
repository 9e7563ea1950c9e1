/* SPDX-License-Identifier: MIT */
/* Formatted print: the printf conversions the kernel uses, without floats. */

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <vrm/fmt.h>

/* %zd and %tu read the signed or unsigned twin of the other's type. */
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t), "size_t and ptrdiff_t differ");

enum {
	FLAG_LEFT = 1 << 0,	/* '-' */
	FLAG_ZERO = 1 << 1,	/* '0' */
	FLAG_ALT = 1 << 2,	/* '#' */
	FLAG_SPACE = 1 << 3,	/* ' ' */
	FLAG_PLUS = 1 << 4,	/* '+' */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

/* One conversion specification, as parsed. */
struct spec {
	unsigned int flags;
	size_t width;		/* 0 when absent */
	int prec;		/* -1 when absent */
	enum length len;
	char conv;		/* '\0' when the format ends inside the spec */
};

/* Where the output goes and how much has gone there. */
struct out {
	fmt_sink sink;
	void *ctx;
	size_t count;
};

static void emit(struct out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	o->sink(o->ctx, s, n);
	o->count += n;
}

/* n copies of c (' ' or '0'), a chunk per sink call rather than a char. */
static void emit_fill(struct out *o, char c, size_t n)
{
	static const char spaces[] = "                ";
	static const char zeros[] = "0000000000000000";
	const char *chunk = c == '0' ? zeros : spaces;

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		emit(o, chunk, k);
		n -= k;
	}
}

/* s padded with spaces to the field width, on the side the flags say. */
static void emit_padded(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	size_t pad = sp->width > n ? sp->width - n : 0;

	if (!(sp->flags & FLAG_LEFT))
		emit_fill(o, ' ', pad);
	emit(o, s, n);
	if (sp->flags & FLAG_LEFT)
		emit_fill(o, ' ', pad);
}

/* A decimal field; saturates so that a silly width cannot overflow. */
static int parse_decimal(const char **p)
{
	int v = 0;

	while (isdigit(**p)) {
		int d = *(*p)++ - '0';

		v = v > (INT_MAX - d) / 10 ? INT_MAX : v * 10 + d;
	}
	return v;
}

static unsigned int flag_bit(char c)
{
	switch (c) {
	case '-':
		return FLAG_LEFT;
	case '0':
		return FLAG_ZERO;
	case '#':
		return FLAG_ALT;
	case ' ':
		return FLAG_SPACE;
	case '+':
		return FLAG_PLUS;
	default:
		return 0;
	}
}

static enum length parse_length(const char **p)
{
	switch (*(*p)++) {
	case 'h':
		return **p == 'h' ? (++*p, LEN_HH) : LEN_H;
	case 'l':
		return **p == 'l' ? (++*p, LEN_LL) : LEN_L;
	case 'z':
		return LEN_Z;
	case 't':
		return LEN_T;
	case 'j':
		return LEN_J;
	default:
		--*p;
		return LEN_NONE;
	}
}

/*
 * Parses the spec that follows a '%', taking any '*' width and precision
 * from ap, and returns the character after it.
 */
static const char *parse_spec(const char *p, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	while (flag_bit(*p))
		sp->flags |= flag_bit(*p++);

	if (*p == '*') {
		int w = va_arg(*ap, int);

		p++;
		/* A negative width from '*' means '-' and its magnitude. */
		if (w < 0) {
			sp->flags |= FLAG_LEFT;
			sp->width = 0u - (unsigned int)w;
		} else {
			sp->width = w;
		}
	} else {
		sp->width = parse_decimal(&p);
	}

	sp->prec = -1;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			int prec = va_arg(*ap, int);

			p++;
			/* A negative precision from '*' counts as none. */
			sp->prec = prec < 0 ? -1 : prec;
		} else {
			sp->prec = parse_decimal(&p);
		}
	}

	sp->len = parse_length(&p);
	sp->conv = *p;
	return *p ? p + 1 : p;
}

static intmax_t arg_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static unsigned int base_of(char conv)
{
	switch (conv) {
	case 'o':
		return 8;
	case 'x':
	case 'X':
		return 16;
	default:
		return 10;
	}
}

/* Writes the digits of v backwards, ending just before end; returns the first. */
static char *digits_of(char *end, uintmax_t v, unsigned int base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		*--end = set[v % base];
		v /= base;
	} while (v);
	return end;
}

/*
 * An integer conversion (and %p): [pad][sign][0x][zeros][digits][pad].
 * sign_ok says whether '+' and ' ' apply; C gives them to signed
 * conversions only, glibc also to %p.
 */
static void emit_number(struct out *o, const struct spec *sp, uintmax_t mag,
			bool negative, bool sign_ok)
{
	char buf[24];		/* 22 octal digits of a 64-bit value */
	char *end = buf + sizeof(buf);
	unsigned int base = base_of(sp->conv);
	char prefix[3];
	size_t nprefix = 0, ndigits, zeros, total;
	char *digits = end;

	/* C: a zero with precision zero has no digits at all. */
	if (mag != 0 || sp->prec != 0)
		digits = digits_of(end, mag, base, sp->conv == 'X');
	ndigits = end - digits;

	if (negative)
		prefix[nprefix++] = '-';
	else if (sign_ok && (sp->flags & FLAG_PLUS))
		prefix[nprefix++] = '+';
	else if (sign_ok && (sp->flags & FLAG_SPACE))
		prefix[nprefix++] = ' ';
	if ((sp->flags & FLAG_ALT) && base == 16 && mag != 0) {
		prefix[nprefix++] = '0';
		prefix[nprefix++] = sp->conv;
	}

	zeros = sp->prec > 0 && (size_t)sp->prec > ndigits ? sp->prec - ndigits : 0;
	/* '#' with %o: add a zero only if the digits do not start with one. */
	if ((sp->flags & FLAG_ALT) && base == 8 && zeros == 0 &&
	    (ndigits == 0 || digits[0] != '0'))
		zeros = 1;
	/* '0' pads with zeros after sign and prefix, unless '-' or a precision. */
	total = nprefix + zeros + ndigits;
	if ((sp->flags & (FLAG_ZERO | FLAG_LEFT)) == FLAG_ZERO && sp->prec < 0 &&
	    sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}

	if (!(sp->flags & FLAG_LEFT) && sp->width > total)
		emit_fill(o, ' ', sp->width - total);
	emit(o, prefix, nprefix);
	emit_fill(o, '0', zeros);
	emit(o, digits, ndigits);
	if ((sp->flags & FLAG_LEFT) && sp->width > total)
		emit_fill(o, ' ', sp->width - total);
}

static void emit_signed(struct out *o, const struct spec *sp, va_list *ap)
{
	intmax_t v = arg_signed(sp->len, ap);
	/* Negating in unsigned arithmetic is defined even for INTMAX_MIN. */
	uintmax_t mag = v < 0 ? -(uintmax_t)v : (uintmax_t)v;

	emit_number(o, sp, mag, v < 0, true);
}

/* glibc prints a pointer as %#x would, and NULL as "(nil)". */
static void emit_pointer(struct out *o, const struct spec *sp, const void *p)
{
	struct spec hex = *sp;

	if (!p) {
		emit_padded(o, sp, "(nil)", 5);
		return;
	}
	hex.conv = 'x';
	hex.flags |= FLAG_ALT;
	emit_number(o, &hex, (uintptr_t)p, false, true);
}

/*
 * A NULL string prints as "(null)", or as nothing when the precision
 * would cut it: glibc's choice, as a fragment like "(nu" looks like data.
 */
static void emit_string(struct out *o, const struct spec *sp, const char *s)
{
	static const char null[] = "(null)";

	if (!s)
		s = sp->prec < 0 || (size_t)sp->prec >= sizeof(null) - 1 ? null : "";
	/* With a precision, s need not be NUL-terminated: read no further. */
	emit_padded(o, sp, s, sp->prec < 0 ? strlen(s) : strnlen(s, sp->prec));
}

/*
 * Floating point, %n, unknown letters, a length on %c, %s or %p (which
 * would ask for wide characters) and a format ending inside a spec are
 * not supported.
 */
static bool supported(const struct spec *sp)
{
	switch (sp->conv) {
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
	case '%':
		return true;
	case 'c':
	case 's':
	case 'p':
		return sp->len == LEN_NONE;
	default:
		return false;
	}
}

/* One conversion starting at the '%' at start; returns what follows it. */
static const char *convert(struct out *o, const char *start, va_list *ap)
{
	struct spec sp;
	const char *next = parse_spec(start + 1, &sp, ap);
	char c;

	if (!supported(&sp)) {
		/* Shown as written, taking no argument: the mistake is visible. */
		emit(o, start, next - start);
		return next;
	}

	switch (sp.conv) {
	case 'd':
	case 'i':
		emit_signed(o, &sp, ap);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		emit_number(o, &sp, arg_unsigned(sp.len, ap), false, false);
		break;
	case 'p':
		emit_pointer(o, &sp, va_arg(*ap, const void *));
		break;
	case 's':
		emit_string(o, &sp, va_arg(*ap, const char *));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		emit_padded(o, &sp, &c, 1);
		break;
	case '%':
		emit(o, "%", 1);
		break;
	}
	return next;
}

int vfmt(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { .sink = sink, .ctx = ctx, .count = 0 };
	va_list args;

	/* A copy, so helpers can take its address on every ABI. */
	va_copy(args, ap);
	while (*fmt) {
		const char *p = fmt;

		while (*p && *p != '%')
			p++;
		emit(&o, fmt, p - fmt);
		fmt = *p ? convert(&o, p, &args) : p;
	}
	va_end(args);
	return o.count > INT_MAX ? INT_MAX : (int)o.count;
}

/* vsnprintf's sink: keeps what fits, leaving room for the NUL. */
struct buf_sink {
	char *buf;
	size_t size;
	size_t len;
};

static void buf_put(void *ctx, const char *s, size_t n)
{
	struct buf_sink *b = ctx;
	size_t room = b->size > 0 ? b->size - 1 - b->len : 0;

	if (n > room)
		n = room;
	if (n == 0)
		return;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { .buf = buf, .size = size, .len = 0 };
	int n = vfmt(buf_put, &b, fmt, ap);

	if (size > 0)
		buf[b.len] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
