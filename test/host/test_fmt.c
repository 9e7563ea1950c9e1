/* SPDX-License-Identifier: MIT */
/* Host tests of lib/fmt.c: a table, then random formats, against glibc. */

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <vrm/fmt.h>

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

/* Larger than any output below, so the reference is never cut short. */
#define BIG 512
#define RANDOM_SINGLE 20000
#define RANDOM_MULTI 5000

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A formatted result for a diag line: its length and its escaped text. */
#define SHOWN(s, n) (n), tap_escape_n((s), (n) < BIG ? (n) : BIG - 1)

/*
 * Formats with ours and with glibc's and compares text and return value.
 * The format is passed on unchecked, so rows may use combinations that
 * gcc's format warnings would refuse (such as "%+p").
 */
static void check_same(const char *file, int line, const char *fmt, ...)
{
	char ours[BIG], ref[BIG];
	va_list ap, ap_ref;
	int n, n_ref;
	bool pass;

	va_start(ap, fmt);
	va_copy(ap_ref, ap);
	n = vrm_vsnprintf(ours, sizeof(ours), fmt, ap);
	n_ref = ref_vsnprintf(ref, sizeof(ref), fmt, ap_ref);
	va_end(ap_ref);
	va_end(ap);

	pass = n == n_ref && n < BIG && ref_memcmp(ours, ref, n + 1) == 0;
	tap_ok(pass, file, line, "\"%s\" as glibc", fmt);
	if (!pass) {
		diag("  expected: %d \"%s\"", SHOWN(ref, n_ref));
		diag("  actual:   %d \"%s\"", SHOWN(ours, n));
	}
}

/* Our output where glibc's differs by design, or is not the point. */
static void check_expect(const char *file, int line, const char *want,
		       const char *fmt, ...)
{
	char ours[BIG];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vrm_vsnprintf(ours, sizeof(ours), fmt, ap);
	va_end(ap);
	tap_is_str(ours, want, file, line, "\"%s\" gives \"%s\"", fmt, want);
	tap_is_int(n, (long long)ref_strlen(want), file, line,
		   "\"%s\" counts its output", fmt);
}

#define SAME(...) check_same(__FILE__, __LINE__, __VA_ARGS__)
#define EXPECT(...) check_expect(__FILE__, __LINE__, __VA_ARGS__)

static void test_integers(void)
{
	SAME("%d", 0);
	SAME("%d|%d", 1, -1);
	SAME("%d|%d", INT_MAX, INT_MIN);
	SAME("%i", -42);
	SAME("%u|%u", 0u, UINT_MAX);
	SAME("%x|%X", 0xdeadbeefu, 0xdeadbeefu);
	SAME("%o|%o|%o", 0u, 8u, UINT_MAX);
	SAME("[%5d][%-5d][%05d][%05d][%-05d]", 42, 42, 42, -42, -42);
	SAME("[%+d][%+d][%+d][% d][% d]", 0, 5, -5, 5, -5);
	SAME("[%+ d][% +d][%+5d][%+05d][% 05d]", 5, 5, 5, 5, 5);
	SAME("[%#x][%#x][%#X][%#o][%#o]", 0u, 255u, 255u, 0u, 8u);
	SAME("[%#10x][%#-10x][%#010x][%#010o]", 255u, 255u, 255u, 8u);
	SAME("[%#.0o][%#.0x][%#.3o][%#.3o][%#5.3o][%#.5o]", 0u, 0u, 8u, 01234u, 8u, 8u);
	SAME("[%.0d][%.0d][%5.0d][%.d][%.0u][%-3.0x]", 0, 1, 0, 0, 0u, 0u);
	SAME("[%.3d][%.3d][%.10d][%+.3d]", 7, -7, INT_MIN, 7);
	SAME("[%8.3x][%-8.3o][%08.3d][%-08d]", 0x1fu, 8u, 7, -7);
	SAME("[%300d]", 1);
	SAME("[%-300x]", 0xabcu);
}

static void test_lengths(void)
{
	SAME("%hhd|%hhd|%hhu|%hhx", 300, 128, -1, 0x1234);
	SAME("%hd|%hd|%hu|%ho", 70000, 32768, -1, 0x12345);
	SAME("%ld|%ld|%lu|%lx", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX);
	SAME("%lld|%llu|%llo|%llX", LLONG_MIN, ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
	SAME("%zu|%zd|%zx", SIZE_MAX, (ptrdiff_t)-5, (size_t)0x1000);
	SAME("%td|%tx|%tu", PTRDIFF_MIN, (ptrdiff_t)-1, (size_t)PTRDIFF_MAX);
	SAME("%jd|%ju|%jx|%jo", INTMAX_MIN, UINTMAX_MAX, UINTMAX_MAX, (uintmax_t)8);
	SAME("%#lx|%-+20lld|%020llu", 1ul, -1ll, 123456789ull);
}

static void test_stars(void)
{
	SAME("[%*d][%-*d][%*d]", 6, 42, 6, 42, -6, 42);
	SAME("[%.*d][%.*d][%.*s][%*.*x]", 4, 42, -5, 42, -2, "abc", 10, 4, 0xabu);
	SAME("[%0*d][%-*s][%.*s]", 5, 42, 7, "ab", 3, "abcdef");
	SAME("[%*.*s]", -8, -1, "abc");
}

static void test_pointers(void)
{
	int x;

	SAME("%p|%p|%p", (void *)&x, (void *)1, (void *)UINTPTR_MAX);
	SAME("[%20p][%-20p][%020p][%.20p]", (void *)&x, (void *)&x, (void *)&x,
	     (void *)&x);
	SAME("[%+p][% p][%#p]", (void *)&x, (void *)&x, (void *)&x);
	SAME("[%p][%10p][%-10p][%.2p][%010p]", NULL, NULL, NULL, NULL, NULL);
}

static void test_strings_and_chars(void)
{
	SAME("[%s][%s][%s]", "hello", "", "\xe9t\xe9");
	SAME("[%10s][%-10s][%3s][%05s]", "hello", "hello", "hello", "ab");
	SAME("[%.2s][%.0s][%.10s][%7.3s]", "hello", "hello", "hello", "hello");
	SAME("[%s][%.3s][%.6s][%10.3s][%-8s]", NULL, NULL, NULL, NULL, NULL);
	SAME("[%c][%5c][%-5c][%c][%c]", 'A', 'x', 'x', 0xe9, 256 + 'A');
	SAME("[%%][100%%][a%%b%%c]", 0);
	SAME("%d %s %c %x %p %%", 1, "two", '3', 4u, NULL);
	SAME("[%*d|%-*s|%.*x]", 4, 1, 5, "ab", 3, 0xfu);
	SAME("%s=%#llx", "key", ULLONG_MAX);
	SAME("no conversions at all", 0);

	/* With a precision the argument need not be terminated. */
	char *raw = malloc(5);

	ref_memcpy(raw, "abcde", 5);
	EXPECT("[abc][abcde]", "[%.3s][%.5s]", raw, raw);
	free(raw);
}

/* Conversions we do not support come out as written and take no argument. */
static void test_unsupported(void)
{
	EXPECT("%f", "%f", 0);
	EXPECT("[%5.2f]", "[%5.2f]", 0);
	EXPECT("%Lf", "%Lf", 0);
	EXPECT("%n", "%n", 0);
	EXPECT("%lc %ls %lp", "%lc %ls %lp", 0);
	EXPECT("%y", "%y", 0);
	EXPECT("%f 42", "%f %d", 42);
	EXPECT("%*f 42", "%*f %d", 5, 42);
	EXPECT("abc%", "abc%", 0);
	/* C defines only a bare "%%"; like glibc, ignore a width on it. */
	EXPECT("[%]", "[%5%]", 0);
	EXPECT("%-5l", "%-5l", 0);
}

static void test_truncation(void)
{
	char *buf;

	is_int(vrm_snprintf(NULL, 0, "%d", 12345), 5, "size 0 with NULL counts all");
	for (size_t size = 1; size <= 7; size++) {
		static const char *const want[] = {
			"", "", "1", "12", "123", "1234", "12345", "12345",
		};

		/* Exactly size bytes: ASan catches a write past them. */
		buf = malloc(size);
		ref_memset(buf, 'x', size);
		is_int(vrm_snprintf(buf, size, "%d", 12345), 5,
		       "size %zu counts all", size);
		is_str(buf, want[size], "size %zu keeps what fits", size);
		free(buf);
	}
	buf = malloc(4);
	is_int(vrm_snprintf(buf, 4, "%20s|", "padded"), 21, "a cut field counts all");
	is_str(buf, "   ", "a cut field keeps its start");
	free(buf);
}

/* A sink that records the pieces it receives. */
struct record {
	char text[BIG];
	size_t len;
	int calls;
	int empty_calls;
};

static void record_sink(void *ctx, const char *s, size_t n)
{
	struct record *r = ctx;

	r->calls++;
	if (n == 0)
		r->empty_calls++;
	if (r->len + n < sizeof(r->text)) {
		ref_memcpy(r->text + r->len, s, n);
		r->len += n;
		r->text[r->len] = '\0';
	}
}

static int record(struct record *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	*r = (struct record){ .len = 0 };
	va_start(ap, fmt);
	n = vfmt(record_sink, r, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vfmt(void)
{
	struct record r;
	int n;

	n = record(&r, "a%sb%dc%5s", "", 0, "x");
	is_str(r.text, "ab0c    x", "vfmt: output reaches the sink");
	is_int(n, (long long)r.len, "vfmt: returns what the sink got");
	is_int(r.empty_calls, 0, "vfmt: never sends an empty piece");

	n = record(&r, "%100d", 7);
	is_int(n, 100, "vfmt: wide fields are counted");
	ok(r.calls < 20, "vfmt: padding goes out in chunks (%d calls)", r.calls);
}

/* The types an argument can have, after the default promotions. */
enum kind {
	K_NONE, K_INT, K_UINT, K_LONG, K_ULONG, K_LLONG, K_ULLONG,
	K_SIZE, K_PTRDIFF, K_INTMAX, K_UINTMAX, K_STR, K_PTR,
};

/* One random format with a single conversion, and its arguments. */
struct fcase {
	char fmt[96];
	bool star_width, star_prec;
	int width, prec;
	enum kind kind;
	uint64_t bits;		/* integer or pointer value, cut to the kind */
	const char *str;
};

typedef int (*snprintf_fn)(char *buf, size_t size, const char *fmt, ...);

/* Calls fn with the '*' arguments the case has, then the value v. */
#define CALL(fn, buf, size, c, v)                                            \
	((c)->star_width && (c)->star_prec                                     \
		 ? fn(buf, size, (c)->fmt, (c)->width, (c)->prec, v)           \
	 : (c)->star_width ? fn(buf, size, (c)->fmt, (c)->width, v)            \
	 : (c)->star_prec  ? fn(buf, size, (c)->fmt, (c)->prec, v)             \
			   : fn(buf, size, (c)->fmt, v))

/* Passes the value in exactly the type the conversion reads. */
static int format_case(snprintf_fn fn, char *buf, size_t size, const struct fcase *c)
{
	uint64_t b = c->bits;

	switch (c->kind) {
	case K_INT:
		return CALL(fn, buf, size, c, (int)b);
	case K_UINT:
		return CALL(fn, buf, size, c, (unsigned int)b);
	case K_LONG:
		return CALL(fn, buf, size, c, (long)b);
	case K_ULONG:
		return CALL(fn, buf, size, c, (unsigned long)b);
	case K_LLONG:
		return CALL(fn, buf, size, c, (long long)b);
	case K_ULLONG:
		return CALL(fn, buf, size, c, (unsigned long long)b);
	case K_SIZE:
		return CALL(fn, buf, size, c, (size_t)b);
	case K_PTRDIFF:
		return CALL(fn, buf, size, c, (ptrdiff_t)b);
	case K_INTMAX:
		return CALL(fn, buf, size, c, (intmax_t)b);
	case K_UINTMAX:
		return CALL(fn, buf, size, c, (uintmax_t)b);
	case K_STR:
		return CALL(fn, buf, size, c, c->str);
	case K_PTR:
		return CALL(fn, buf, size, c, (void *)(uintptr_t)b);
	default:
		/* "%%": the extra argument is ignored, as C allows. */
		return CALL(fn, buf, size, c, 0);
	}
}

static char *pick(char *p, const char *set)
{
	*p = set[rng_below(ref_strlen(set))];
	return p + 1;
}

static char *put_int(char *p, int v)
{
	return p + ref_snprintf(p, 12, "%d", v);
}

/* Text around conversions: plain characters and "%%". */
static char *gen_literal(char *p)
{
	for (int n = rng_below(4); n > 0; n--) {
		if (rng_one_in(5)) {
			*p++ = '%';
			*p++ = '%';
		} else {
			p = pick(p, "ab .:|-0");
		}
	}
	return p;
}

/* Flags C defines for conv; for %p, those glibc gives meaning to. */
static const char *flags_for(char conv)
{
	switch (conv) {
	case 'd':
	case 'i':
		return "-0+ ";
	case 'u':
		return "-0";
	case 'o':
	case 'x':
	case 'X':
		return "-0#";
	case 'p':
		return "-0#+ ";
	default:
		/* glibc, like ours, ignores '0' on %s and %c. */
		return "-0";
	}
}

static char *gen_width(char *p, struct fcase *c)
{
	if (rng_one_in(2))
		return p;
	if (rng_one_in(3)) {
		c->star_width = true;
		c->width = (int)rng_below(51) - 25;
		*p++ = '*';
		return p;
	}
	/* 1..25: a leading 0 would be a flag. */
	return put_int(p, 1 + rng_below(25));
}

static char *gen_prec(char *p, struct fcase *c)
{
	if (rng_one_in(2))
		return p;
	*p++ = '.';
	if (rng_one_in(3)) {
		c->star_prec = true;
		c->prec = (int)rng_below(29) - 3;
		*p++ = '*';
		return p;
	}
	if (rng_one_in(6))
		return p;	/* "." alone means precision 0 */
	return put_int(p, rng_below(26));
}

/* Edge values often, otherwise random bits of random magnitude. */
static uint64_t gen_bits(void)
{
	static const uint64_t edges[] = {
		0, 1, UINT64_MAX, INT64_MAX, (uint64_t)INT64_MIN, 0x7f, 0x80, 0xff,
		0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
	};

	if (rng_one_in(3))
		return edges[rng_below(ARRAY_SIZE(edges))];
	return rng_next() >> rng_below(64);
}

/* A length modifier for an integer conversion, and the type it reads. */
static char *gen_length(char *p, bool is_signed, enum kind *kind)
{
	static const struct {
		const char *mod;
		enum kind sk, uk;
	} lens[] = {
		{ "", K_INT, K_UINT }, { "hh", K_INT, K_UINT },
		{ "h", K_INT, K_UINT }, { "l", K_LONG, K_ULONG },
		{ "ll", K_LLONG, K_ULLONG }, { "z", K_PTRDIFF, K_SIZE },
		{ "t", K_PTRDIFF, K_SIZE }, { "j", K_INTMAX, K_UINTMAX },
	};
	size_t i = rng_below(ARRAY_SIZE(lens));

	*kind = is_signed ? lens[i].sk : lens[i].uk;
	for (const char *m = lens[i].mod; *m; m++)
		*p++ = *m;
	return p;
}

static const char *gen_string(void)
{
	static const char *const pool[] = {
		"", "a", "hello", "hello, world", "\xe9t\xe9", NULL,
		"0123456789abcdefghijklmnopqrstuvwxyz0123456789",
	};

	return pool[rng_below(ARRAY_SIZE(pool))];
}

/* The conversion itself: flags, width, precision, length, letter. */
static char *gen_conversion(char *p, struct fcase *c, char conv)
{
	*p++ = '%';
	if (conv == '%') {
		*p++ = '%';
		c->kind = K_NONE;
		return p;
	}
	for (int n = rng_below(4); n > 0; n--)
		p = pick(p, flags_for(conv));
	p = gen_width(p, c);
	if (conv != 'c')	/* a precision on %c is undefined */
		p = gen_prec(p, c);

	c->bits = gen_bits();
	switch (conv) {
	case 'c':
		c->kind = K_INT;
		break;
	case 's':
		c->kind = K_STR;
		c->str = gen_string();
		break;
	case 'p':
		c->kind = K_PTR;
		if (rng_one_in(5))
			c->bits = 0;
		break;
	default:
		p = gen_length(p, conv == 'd' || conv == 'i', &c->kind);
		break;
	}
	*p++ = conv;
	return p;
}

static void gen_case(struct fcase *c)
{
	char *p = c->fmt;

	*c = (struct fcase){ .kind = K_NONE };
	p = gen_literal(c->fmt);
	p = gen_conversion(p, c, "diouxXcsp%"[rng_below(10)]);
	p = gen_literal(p);
	*p = '\0';
}

/*
 * Formats one case with ours into a buffer of exactly size bytes (NULL
 * when 0), so ASan catches a write past it; want and n are glibc's output
 * and return value. The first few failures are described in t.
 */
static bool check_size(const struct fcase *c, const char *want, int n,
		       size_t size, struct tally *t)
{
	char *buf = size ? malloc(size) : NULL;
	size_t kept = (size_t)n < size ? (size_t)n : size - 1;
	int got;
	bool pass;

	if (buf)
		ref_memset(buf, 0x5a, size);
	got = format_case(vrm_snprintf, buf, size, c);
	pass = got == n;
	if (size > 0)
		pass = pass && ref_memcmp(buf, want, kept) == 0 && buf[kept] == '\0';
	if (!pass && t->fails < TALLY_SHOWN) {
		tally_diag(t, "format \"%s\" kind %d value 0x%llx string %s "
			   "width %d prec %d", tap_escape(c->fmt), c->kind,
			   (unsigned long long)c->bits,
			   c->str ? tap_escape(c->str) : "NULL", c->width, c->prec);
		tally_diag(t, "buffer size %zu: returned %d, glibc %d", size, got, n);
		tally_diag(t, "  expected: \"%s\"", tap_escape_n(want, kept));
		if (buf)
			tally_diag(t, "  actual:   \"%s\"",
				   tap_escape_n(buf, ref_strnlen(buf, size)));
	}
	free(buf);
	return pass;
}

/* Sizes 0, 1, the exact length, one more, a random one and a large one. */
static bool check_case(const struct fcase *c, const char *want, int n,
		       struct tally *t)
{
	size_t sizes[] = { 0, 1, n, n + 1, rng_below(n + 2), BIG };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		if (!check_size(c, want, n, sizes[i], t))
			return false;
	return true;
}

static void test_random_single(void)
{
	struct tally t = { 0 };

	for (int i = 0; i < RANDOM_SINGLE; i++) {
		struct fcase c;
		char want[BIG];
		int n;

		gen_case(&c);
		n = format_case(ref_snprintf, want, sizeof(want), &c);
		tally_fail(&t, check_case(&c, want, n, &t));
	}
	tally_ok(&t, "random single conversions at six buffer sizes");
}

/* Three int conversions, no '*' and no length, between literal text. */
static void gen_multi(char *p)
{
	p = gen_literal(p);
	for (int k = 0; k < 3; k++) {
		char conv = "diuxXoc"[rng_below(7)];

		*p++ = '%';
		for (int f = rng_below(3); f > 0; f--)
			p = pick(p, flags_for(conv));
		if (rng_one_in(2))
			p = put_int(p, 1 + rng_below(25));
		if (conv != 'c' && rng_one_in(2)) {
			*p++ = '.';
			p = put_int(p, rng_below(12));
		}
		*p++ = conv;
		p = gen_literal(p);
	}
	*p = '\0';
}

/* Several conversions in one format: arguments are taken in order. */
static void test_random_multi(void)
{
	struct tally t = { 0 };

	for (int i = 0; i < RANDOM_MULTI; i++) {
		char fmt[128], want[BIG], got[BIG];
		int a = (int)gen_bits(), b = (int)gen_bits(), c = (int)gen_bits();
		int n, m;

		gen_multi(fmt);
		n = ref_snprintf(want, sizeof(want), fmt, a, b, c);
		m = vrm_snprintf(got, sizeof(got), fmt, a, b, c);
		if (tally_fail(&t, n == m && ref_memcmp(want, got, n + 1) == 0)) {
			tally_diag(&t, "format \"%s\" args %d %d %d",
				   tap_escape(fmt), a, b, c);
			tally_diag(&t, "  expected: %d \"%s\"", SHOWN(want, n));
			tally_diag(&t, "  actual:   %d \"%s\"", SHOWN(got, m));
		}
	}
	tally_ok(&t, "random formats with three conversions");
}

int main(void)
{
	rng_init();
	test_integers();
	test_lengths();
	test_stars();
	test_pointers();
	test_strings_and_chars();
	test_unsupported();
	test_truncation();
	test_vfmt();
	test_random_single();
	test_random_multi();
	return done_testing();
}
