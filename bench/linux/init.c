// SPDX-License-Identifier: MIT
/*
 * /init of the Linux side's initramfs: marks the first user instruction,
 * mounts what the benchmarks read, loads the modules in /modules, runs
 * /bench/<name> for each name after "--" on the kernel command line, and
 * powers off.
 *
 *	@@init <timebase>		first, before anything else is done
 *	@@bench boot-guest <ms> ms	the same instant as time since reset
 *	@@bench-fail <name> <reason>	a program that did not exit 0
 *	@@end				every program has run
 */
#include "bench.h"
#include "bench/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>

static void mount_fs(const char *type, const char *dir)
{
	mkdir(dir, 0755);
	if (mount(type, dir, type, 0, NULL) < 0)
		bench_note("init: mount %s on %s: %s", type, dir,
			   strerror(errno));
}

/* Modules come named NN-<name>.ko, dependencies first (tools/bench_linux.py). */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void load_modules(void)
{
	struct dirent **names;
	int n = scandir("/modules", &names, NULL, by_name);

	for (int i = 0; i < n; i++) {
		char path[300];
		int fd;

		if (names[i]->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/modules/%s", names[i]->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) < 0)
			bench_note("init: module %s: %s", path,
				   strerror(errno));
		if (fd >= 0)
			close(fd);
	}
}

/* The host's @@done answers arrive on the console; do not echo them. */
static void console_quiet(void)
{
	struct termios t;

	if (tcgetattr(0, &t) == 0) {
		t.c_lflag &= ~(ECHO | ECHONL);
		tcsetattr(0, TCSANOW, &t);
	}
}

int main(int argc, char **argv)
{
	uint64_t t0 = mftb();

	printf("@@init %llu\n", (unsigned long long)t0);
	fflush(stdout);

	mount_fs("proc", "/proc");
	mount_fs("sysfs", "/sys");
	mount_fs("devtmpfs", "/dev");
	bench_report("boot-guest", tb_us(t0) / 1000.0, "ms");

	load_modules();
	console_quiet();
	for (int i = 1; i < argc; i++)
		bench_run_program(argv[i]);

	printf("@@end\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
