/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's stdio and printf (user/lib) over fake descriptors. */

#include <stdarg.h>
#include <stddef.h>

#include <uapi/errno.h>

#include "fake_waits.h"
#include "glibc_ref.h"
#include "tap.h"


/* The SDK's functions, by the names test/host/user_names.h gives them. */
typedef struct __file VFILE;
extern VFILE *const vrm_stdin, *const vrm_stdout, *const vrm_stderr;
int vrm_errno;
int vrm_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vrm_fprintf(VFILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vrm_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vrm_sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vrm_puts(const char *s);
int vrm_fputs(const char *s, VFILE *f);
int vrm_fflush(VFILE *f);
int vrm_getchar(void);
int vrm_ungetc(int c, VFILE *f);
char *vrm_fgets(char *s, int n, VFILE *f);
VFILE *vrm_fopen(const char *path, const char *mode);
size_t vrm_fread(void *buf, size_t size, size_t n, VFILE *f);
size_t vrm_fwrite(const void *buf, size_t size, size_t n, VFILE *f);
int vrm_fclose(VFILE *f);
int vrm_feof(VFILE *f);
int vrm_ferror(VFILE *f);
void vrm_clearerr(VFILE *f);
void vrm_perror(const char *s);
char *vrm_strerror(int errnum);

/* fopen's memory comes from glibc. */
void *ref_malloc(size_t size) __asm__("malloc");
void ref_free(void *p) __asm__("free");

void *vrm_malloc(size_t size)
{
	return ref_malloc(size);
}

void vrm_free(void *p)
{
	ref_free(p);
}

/*
 * The fake descriptors: every write is logged, with knobs for partial
 * writes, one EINTR and failure; fd 0 reads from a script of chunks, and
 * /etc/motd opens as fd 5.
 */
#define MOTD_FD 5
static const char motd[] = "first line\nsecond line\n";

static struct {
	int fd[64];
	char data[64][4096];
	int count;
	size_t max_chunk;	/* 0: no limit */
	int eintr_once, fail;
	const char *const *script;	/* fd 0's chunks, NULL-terminated */
	int writes_at_read;	/* writes logged when fd 0 was first read */
	long motd_pos;
	int closes;
} io;

static void io_reset(void)
{
	ref_memset(&io, 0, sizeof(io));
	io.writes_at_read = -1;
}

long vrm_write(int fd, const void *buf, size_t n)
{
	if (io.eintr_once) {
		io.eintr_once = 0;
		vrm_errno = EINTR;
		return -1;
	}
	if (io.fail) {
		vrm_errno = io.fail;
		return -1;
	}
	if (io.max_chunk && n > io.max_chunk)
		n = io.max_chunk;
	if (io.count < 64) {
		io.fd[io.count] = fd;
		ref_memcpy(io.data[io.count], buf, n < 4095 ? n : 4095);
		io.count++;
	}
	return (long)n;
}

long vrm_read(int fd, void *buf, size_t n)
{
	if (fd == MOTD_FD) {
		size_t left = sizeof(motd) - 1 - io.motd_pos;

		n = n < left ? n : left;
		ref_memcpy(buf, motd + io.motd_pos, n);
		io.motd_pos += n;
		return (long)n;
	}
	if (fd != 0 || !io.script || !*io.script)
		return 0;
	if (io.writes_at_read < 0)
		io.writes_at_read = io.count;
	n = n < ref_strlen(*io.script) ? n : ref_strlen(*io.script);
	ref_memcpy(buf, *io.script++, n);
	return (long)n;
}

int vrm_open(const char *path, int flags, ...)
{
	if (ref_strcmp(path, "/etc/motd") == 0 && flags == 0) {
		io.motd_pos = 0;
		return MOTD_FD;
	}
	vrm_errno = ENOENT;
	return -1;
}

int vrm_close(int fd)
{
	io.closes += fd == MOTD_FD;
	return 0;
}

long vrm_lseek(int fd, long off, int whence)
{
	if (fd != MOTD_FD) {
		vrm_errno = ESPIPE;
		return -1;
	}
	io.motd_pos = (whence == 0 ? 0 : whence == 1 ? io.motd_pos : (long)sizeof(motd) - 1) + off;
	return io.motd_pos;
}

/* Everything written to fd, in order. */
static const char *written(int fd)
{
	static char all[64 * 4096];
	size_t len = 0;

	for (int i = 0; i < io.count; i++)
		if (io.fd[i] == fd) {
			size_t n = ref_strlen(io.data[i]);

			ref_memcpy(all + len, io.data[i], n);
			len += n;
		}
	all[len] = '\0';
	return all;
}

static void test_line_buffering(void)
{
	io_reset();
	vrm_printf("abc");
	is_int(io.count, 0, "stdout holds a partial line");
	vrm_printf("def\nghi");
	is_int(io.count, 1, "a newline writes it out, in one write");
	is_str(io.data[0], "abcdef\nghi", "with everything buffered so far");
	vrm_fflush(vrm_stdout);
	is_int(io.count, 1, "fflush with nothing waiting writes nothing");
	is_int(vrm_printf("%d-%s\n", 42, "x"), 5, "printf returns the count");
	vrm_puts("hi");
	is_str(io.data[io.count - 1], "hi\n", "puts adds the newline, one write");
	vrm_printf("pending");
	vrm_fflush(NULL);
	is_str(io.data[io.count - 1], "pending", "fflush(NULL) writes stdout out");
}

static void test_stderr(void)
{
	io_reset();
	vrm_fprintf(vrm_stderr, "a=%d b=%s %c\n", 1, "two", '3');
	ok(io.count == 1 && io.fd[0] == 2, "fprintf to stderr is one write on fd 2");
	is_str(io.data[0], "a=1 b=two 3\n", "of the whole text");
	vrm_fputs("x", vrm_stderr);
	ok(io.count == 2 && ref_strcmp(io.data[1], "x") == 0,
	   "stderr is unbuffered: fputs writes at once");
	vrm_dprintf(7, "n=%d\n", 3);
	ok(io.count == 3 && io.fd[2] == 7 && ref_strcmp(io.data[2], "n=3\n") == 0,
	   "dprintf writes to its descriptor at once");
}

static void test_long_and_partial(void)
{
	static char line[3001];

	io_reset();
	ref_memset(line, 'x', 3000);
	vrm_printf("%s\n", line);
	ok(io.count >= 3, "3001 bytes on stdout take several writes (%d)", io.count);
	ok(ref_strlen(written(1)) == 3001 && written(1)[3000] == '\n',
	   "and all of them arrive in order");

	io_reset();
	io.max_chunk = 3;
	io.eintr_once = 1;
	vrm_printf("hello, world\n");
	is_str(written(1), "hello, world\n", "short writes and an EINTR: the line still arrives whole");
}

static void test_write_error(void)
{
	io_reset();
	io.fail = EIO;
	is_int(vrm_printf("x\n"), -1, "printf is -1 when the write fails");
	ok(vrm_ferror(vrm_stdout) && vrm_errno == EIO, "ferror is set, errno EIO");
	vrm_clearerr(vrm_stdout);
	ok(!vrm_ferror(vrm_stdout), "clearerr clears it");
	io.fail = 0;
	is_int(vrm_printf("y\n"), 2, "and printf works again");
	vrm_errno = 0;
	ok(vrm_fwrite("z", 1, 1, vrm_stdin) == 0 && vrm_errno == EBADF && vrm_ferror(vrm_stdin),
	   "fwrite to stdin fails with EBADF");
	vrm_clearerr(vrm_stdin);
}

static void test_sprintf(void)
{
	char buf[64];

	is_int(vrm_sprintf(buf, "%05d|%-3s|%x|%lu", 42, "a", 255, 7ul), 14,
	       "sprintf returns the length");
	is_str(buf, "00042|a  |ff|7", "sprintf formats like printf");
	is_int(snprintf(buf, 4, "%s", "abcdef"), 6, "snprintf returns the full length");
	is_str(buf, "abc", "and keeps what fits");
}

static void test_stdin(void)
{
	static const char *const script[] = { "hello\n", "wor", "ld\n", NULL };
	static const char *const chars[] = { "ab", NULL };
	char line[32];

	io_reset();
	io.script = script;
	vrm_printf("prompt> ");
	ok(vrm_fgets(line, sizeof(line), vrm_stdin) != NULL, "fgets reads a line");
	is_str(line, "hello\n", "the first line, newline kept");
	ok(io.writes_at_read == 1 && ref_strcmp(io.data[0], "prompt> ") == 0,
	   "a prompt without newline is written before stdin is read");
	vrm_fgets(line, sizeof(line), vrm_stdin);
	is_str(line, "world\n", "a line that comes in two reads");
	ok(vrm_fgets(line, sizeof(line), vrm_stdin) == NULL && vrm_feof(vrm_stdin),
	   "at the end: NULL and feof");
	vrm_clearerr(vrm_stdin);

	io.script = chars;
	is_int(vrm_getchar(), 'a', "getchar");
	is_int(vrm_ungetc('a', vrm_stdin), 'a', "ungetc");
	ok(vrm_getchar() == 'a' && vrm_getchar() == 'b', "gives the byte back first");
	is_int(vrm_getchar(), -1, "then EOF");
	vrm_clearerr(vrm_stdin);
}

static void test_files(void)
{
	char buf[64] = { 0 };
	VFILE *f;

	io_reset();
	f = vrm_fopen("/etc/motd", "r");
	ok(f != NULL, "fopen a file for reading");
	ok(vrm_fgets(buf, sizeof(buf), f) && ref_strcmp(buf, "first line\n") == 0,
	   "fgets its first line");
	is_int(vrm_fread(buf, 1, sizeof(buf), f), 12, "fread the rest");
	ok(vrm_feof(f), "feof at its end");
	is_int(vrm_fclose(f), 0, "fclose");
	is_int(io.closes, 1, "closes the descriptor");

	vrm_errno = 0;
	ok(vrm_fopen("/nope", "r") == NULL && vrm_errno == ENOENT, "a missing file: ENOENT");
	vrm_errno = 0;
	ok(vrm_fopen("/etc/motd", "x") == NULL && vrm_errno == EINVAL, "a bad mode: EINVAL");
}

static void test_errors(void)
{
	io_reset();
	vrm_errno = ENOENT;
	vrm_perror("cat");
	ok(io.count == 1 && io.fd[0] == 2, "perror is one write on stderr");
	is_str(io.data[0], "cat: No such file or directory\n", "with the prefix and message");
	vrm_errno = EFAULT;
	vrm_perror(NULL);
	is_str(io.data[1], "Bad address\n", "perror(NULL): only the message");
	is_str(vrm_strerror(ETIMEDOUT), "Connection timed out", "strerror(ETIMEDOUT)");
	is_str(vrm_strerror(9999), "Unknown error 9999", "strerror of an unknown number");
}

int main(void)
{
	test_line_buffering();
	test_stderr();
	test_long_and_partial();
	test_write_error();
	test_sprintf();
	test_stdin();
	test_files();
	test_errors();
	return done_testing();
}
