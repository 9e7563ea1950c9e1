/* SPDX-License-Identifier: MIT */
/* Streams: buffered reads and writes over descriptors, and the standard three. */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lock.h"
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static FILE std_files[3] = {
	{ .fd = 0, .flags = F_READ, .buf = stdin_buf, .size = BUFSIZ,
	  .unget = EOF, .next = &std_files[1] },
	{ .fd = 1, .flags = F_WRITE | F_LINE, .buf = stdout_buf, .size = BUFSIZ,
	  .unget = EOF, .next = &std_files[2] },
	{ .fd = 2, .flags = F_WRITE, .unget = EOF },
};

FILE *const stdin = &std_files[0];
FILE *const stdout = &std_files[1];
FILE *const stderr = &std_files[2];

static FILE *open_files = &std_files[0];

static int fail(FILE *f, int err)
{
	f->flags |= F_ERR;
	if (err)
		errno = err;
	return -1;
}

/* The console may take part of a write, and a handled signal may cut it
 * short before any byte: both go on until everything is written. */
static int write_all(FILE *f, const unsigned char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = __write(f->fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(f, w == 0 ? EIO : 0);
		s += w;
		n -= w;
	}
	return 0;
}

int __stdio_flush_out(FILE *f)
{
	size_t n = f->len;

	f->len = 0;
	return write_all(f, f->buf, n);
}

/* Unread input is handed back to the file, so the offset is where the
 * reader stopped (for the console, it is dropped). */
static void drop_input(FILE *f)
{
	size_t unread = f->len - f->pos + (f->unget != EOF);
	int saved = errno;

	if (unread > 0 && lseek(f->fd, -(off_t)unread, SEEK_CUR) < 0)
		errno = saved;
	f->pos = f->len = 0;
	f->unget = EOF;
}

/* Makes f ready to write: output mode, input given back. */
static int to_output(FILE *f)
{
	if (!(f->flags & F_WRITE))
		return fail(f, EBADF);
	if (!(f->flags & F_OUT)) {
		drop_input(f);
		f->flags |= F_OUT;
	}
	return 0;
}

static int put_locked(FILE *f, const void *s, size_t n)
{
	const unsigned char *p = s;

	if (to_output(f) < 0)
		return -1;
	if (f->size == 0)
		return write_all(f, p, n);
	while (n > 0) {
		size_t k = f->size - f->len;

		if (k == 0) {
			if (__stdio_flush_out(f) < 0)
				return -1;
			continue;
		}
		if (k > n)
			k = n;
		memcpy(f->buf + f->len, p, k);
		f->len += k;
		p += k;
		n -= k;
	}
	if ((f->flags & F_LINE) && memchr(s, '\n', p - (const unsigned char *)s))
		return __stdio_flush_out(f);
	return 0;
}

int __stdio_put(FILE *f, const void *s, size_t n)
{
	int r;

	__lock(&f->lock);
	r = put_locked(f, s, n);
	__unlock(&f->lock);
	return r;
}

/* Reads more input into an empty buffer: 1, 0 at the end, -1 on error. */
static int fill(FILE *f)
{
	ssize_t r;

	if (!(f->flags & F_READ))
		return fail(f, EBADF);
	if (f->flags & F_OUT) {
		f->flags &= ~F_OUT;
		if (__stdio_flush_out(f) < 0)
			return -1;
	}
	/* A prompt written to stdout shows before the program waits for input. */
	if (f == stdin)
		fflush(stdout);
	r = __read(f->fd, f->buf, f->size);
	if (r < 0)
		return fail(f, 0);
	if (r == 0) {
		f->flags |= F_EOF;
		return 0;
	}
	f->pos = 0;
	f->len = r;
	return 1;
}

int fgetc(FILE *f)
{
	int c = f->unget;

	if (c != EOF) {
		f->unget = EOF;
		return c;
	}
	if (f->pos == f->len && fill(f) <= 0)
		return EOF;
	return f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->unget != EOF)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~F_EOF;
	return f->unget;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);

		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

size_t fread(void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *p = buf;
	size_t want, got = 0;

	if (size == 0 || n == 0)
		return 0;
	want = size * n;
	if (f->unget != EOF) {
		p[got++] = (unsigned char)f->unget;
		f->unget = EOF;
	}
	while (got < want) {
		size_t k = f->len - f->pos;

		if (k == 0) {
			if (fill(f) <= 0)
				break;
			continue;
		}
		if (k > want - got)
			k = want - got;
		memcpy(p + got, f->buf + f->pos, k);
		f->pos += k;
		got += k;
	}
	return got / size;
}

size_t fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
	if (size == 0 || n == 0)
		return 0;
	return __stdio_put(f, buf, size * n) < 0 ? 0 : n;
}

int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	return __stdio_put(f, &b, 1) < 0 ? EOF : b;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return __stdio_put(f, s, strlen(s)) < 0 ? EOF : 0;
}

int puts(const char *s)
{
	return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}

/* The output waiting in f, written out under its lock: 0 or EOF. */
static int flush_output(FILE *f)
{
	int r;

	__lock(&f->lock);
	r = (f->flags & F_OUT) ? __stdio_flush_out(f) : 0;
	__unlock(&f->lock);
	return r < 0 ? EOF : 0;
}

int fflush(FILE *f)
{
	int r = 0;

	/* Every output stream; input streams keep what they have read. */
	if (!f) {
		for (f = open_files; f; f = f->next)
			if (flush_output(f))
				r = EOF;
		return r;
	}
	if (f->flags & F_OUT)
		return flush_output(f);
	if (f->flags & F_READ)
		drop_input(f);
	return 0;
}

/* The open() flags and stream flags for an fopen mode; false if invalid. */
static bool parse_mode(const char *mode, int *oflags, unsigned int *flags)
{
	bool plus = strchr(mode, '+') != NULL;

	switch (mode[0]) {
	case 'r':
		*oflags = plus ? O_RDWR : O_RDONLY;
		*flags = plus ? F_READ | F_WRITE : F_READ;
		return true;
	case 'w':
	case 'a':
		*oflags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | (mode[0] == 'w' ? O_TRUNC : 0);
		*flags = plus ? F_READ | F_WRITE : F_WRITE;
		return true;
	}
	return false;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	unsigned int flags;
	int oflags, fd;
	FILE *f;

	if (!parse_mode(mode, &oflags, &flags)) {
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	if (mode[0] == 'a' && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return NULL;
	}
	f = malloc(sizeof(*f) + BUFSIZ);
	if (!f) {
		close(fd);
		return NULL;
	}
	*f = (FILE){
		.fd = fd, .flags = flags | F_FREE, .buf = (unsigned char *)(f + 1),
		.size = BUFSIZ, .unget = EOF, .next = open_files,
	};
	open_files = f;
	return f;
}

int fclose(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	for (FILE **link = &open_files; *link; link = &(*link)->next)
		if (*link == f) {
			*link = f->next;
			break;
		}
	if (f->flags & F_FREE)
		free(f);
	else
		f->flags = 0;
	return r;
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}
