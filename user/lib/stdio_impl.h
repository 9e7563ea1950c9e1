/* SPDX-License-Identifier: MIT */
/* The inside of a stream, shared by stdio.c and printf.c. */
#ifndef USER_LIB_STDIO_IMPL_H
#define USER_LIB_STDIO_IMPL_H

#include <stddef.h>
#include <stdio.h>

enum {
	F_READ = 1 << 0,	/* opened for reading */
	F_WRITE = 1 << 1,	/* opened for writing */
	F_LINE = 1 << 2,	/* line-buffered */
	F_OUT = 1 << 3,		/* buf holds output (else input, or nothing) */
	F_EOF = 1 << 4,
	F_ERR = 1 << 5,
	F_FREE = 1 << 6,	/* malloc'd by fopen: fclose frees it */
};

struct __file {
	int fd;
	unsigned int flags;
	unsigned char *buf;
	size_t size;		/* of buf; 0 for an unbuffered stream */
	size_t pos;		/* input: the next byte of buf to hand out */
	size_t len;		/* bytes of input in buf, or of output waiting */
	int unget;		/* a byte pushed back by ungetc, or EOF */
	int lock;		/* held while output is queued or written */
	struct __file *next;	/* the open streams, for fflush(NULL) */
};

/* read and write that are no cancellation points: a stream's lock is
 * held around them (file.c). */
ssize_t __read(int fd, void *buf, size_t count);
ssize_t __write(int fd, const void *buf, size_t count);

/* Queues n bytes for output (an unbuffered stream writes them at once);
 * 0, or -1 with F_ERR set. */
int __stdio_put(FILE *f, const void *s, size_t n);
/* Writes out the output waiting in buf; 0, or -1 with F_ERR set. */
int __stdio_flush_out(FILE *f);

#endif /* USER_LIB_STDIO_IMPL_H */
