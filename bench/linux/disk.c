// SPDX-License-Identifier: MIT
/*
 * Sequential disk throughput on the virtio-blk disk /dev/vda: write, then
 * read, 64 MiB in 1 MiB blocks with O_DIRECT, so that neither goes through
 * the page cache. MB/s are 10^6 bytes per second.
 */
#include "bench.h"

#include <fcntl.h>
#include <sys/stat.h>

#define BLOCK (1ul << 20)
#define TOTAL (64ul << 20)
#define DEVICE "/dev/vda"
#define WAIT_S 10

/* The node appears once the driver has probed the device. */
static int open_disk(void)
{
	for (int i = 0; i < WAIT_S * 100; i++) {
		int fd = open(DEVICE, O_RDWR | O_DIRECT);

		if (fd >= 0 || errno != ENOENT)
			return fd;
		usleep(10000);
	}
	return -1;
}

static int pass(int fd, void *buf, int writing, const char *metric)
{
	uint64_t t0 = mftb();

	for (unsigned long off = 0; off < TOTAL; off += BLOCK) {
		ssize_t n = writing ? pwrite(fd, buf, BLOCK, off)
				    : pread(fd, buf, BLOCK, off);

		if (n != (ssize_t)BLOCK) {
			bench_fail(metric, "%s at %lu: %s",
				   writing ? "write" : "read", off,
				   n < 0 ? strerror(errno) : "short");
			return 1;
		}
	}
	bench_report(metric, (double)TOTAL / tb_us(mftb() - t0), "MB/s");
	return 0;
}

int main(void)
{
	void *buf;
	int fd = open_disk();

	if (fd < 0) {
		bench_fail("disk-write", "open " DEVICE ": %s", strerror(errno));
		bench_fail("disk-read", "open " DEVICE ": %s", strerror(errno));
		return 1;
	}
	if (posix_memalign(&buf, 1 << 16, BLOCK)) {
		bench_fail("disk-write", "no buffer");
		return 1;
	}
	memset(buf, 0x5a, BLOCK);
	if (pass(fd, buf, 1, "disk-write") | pass(fd, buf, 0, "disk-read"))
		return 1;
	close(fd);
	return 0;
}
