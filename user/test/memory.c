/* SPDX-License-Identifier: MIT */
/* Memory tests: kernel, text, data and unmapped addresses fault; fork copies, leaks nothing. */

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define KERNEL_ADDR	((volatile unsigned char *)0xc000000000000000ul)
/* Between the data segment (0x2...) and the stack (just below 0x400000000). */
#define UNMAPPED_ADDR	((volatile unsigned char *)0x300000000ul)

/* What touch() does, set before each child starts. */
static volatile unsigned char *target;
static enum { READ, WRITE, EXECUTE } access_kind;
static bool with_handler;
static volatile int sink;

static void touch(void)
{
	if (with_handler)
		utest_expect_fault((const void *)target);
	if (access_kind == READ)
		sink = *target;
	else if (access_kind == WRITE)
		*target = 0;
	else
		((void (*)(void))(uintptr_t)target)();
}

/*
 * Both ways: without a handler the child dies by SIGSEGV (and the status
 * says a dump was printed); with an SA_SIGINFO handler, si_addr is addr.
 */
static void check_faults(volatile unsigned char *addr, int kind)
{
	int status;

	target = addr;
	access_kind = kind;
	with_handler = false;
	status = utest_in_child(touch);
	check_killed(status, SIGSEGV);
	check(WCOREDUMP(status));
	with_handler = true;
	check_exited(utest_in_child(touch), UTEST_FAULT_AT);
}

static void kernel_memory_faults(void)
{
	check_faults(KERNEL_ADDR, READ);
	check_faults(KERNEL_ADDR, WRITE);
}

static void own_text_is_read_only(void)
{
	volatile unsigned char *text = (volatile unsigned char *)(uintptr_t)touch;

	sink = text[0];		/* readable, as code and constants must be */
	check_faults(text, WRITE);
}

static void unmapped_addresses_fault(void)
{
	check_faults(UNMAPPED_ADDR, READ);
	check_faults(NULL, READ);
}

/* A `blr` in the data segment: data is not executable. */
static unsigned int data_code[4] = { 0x4e800020 };

static void data_is_not_executable(void)
{
	check_faults((volatile unsigned char *)data_code, EXECUTE);
}

static int code_wanted;

static void exit_on_code(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	_exit(si->si_code == code_wanted ? 0 : 1);
}

static void touch_for_code(void)
{
	struct sigaction sa = { .sa_sigaction = exit_on_code, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	with_handler = false;
	touch();
}

/* SEGV_MAPERR where nothing is mapped, SEGV_ACCERR where the access is refused. */
static void fault_codes(void)
{
	target = UNMAPPED_ADDR;
	access_kind = READ;
	code_wanted = SEGV_MAPERR;
	check_exited(utest_in_child(touch_for_code), 0);
	target = (volatile unsigned char *)(uintptr_t)touch;
	access_kind = WRITE;
	code_wanted = SEGV_ACCERR;
	check_exited(utest_in_child(touch_for_code), 0);
}

static int data_word = 1;

static void fork_copies_memory(void)
{
	int stack_word = 2, status;
	int *heap_word = malloc(sizeof(int));
	pid_t pid;

	check(heap_word != NULL);
	*heap_word = 3;
	pid = fork();
	if (pid == 0) {
		int same = data_word == 1 && stack_word == 2 && *heap_word == 3;

		data_word = stack_word = *heap_word = 9;
		_exit(same && data_word == 9 ? 0 : 1);
	}
	check(pid > 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_eq(data_word, 1);
	check_eq(stack_word, 2);
	check_eq(*heap_word, 3);
	free(heap_word);
}

static void fork_exit_wait_1000_times(void)
{
	unsigned long before = utest_free_frames(), after;

	for (int i = 0; i < 1000; i++) {
		int status = 0;
		pid_t pid = fork();

		if (pid == 0) {
			data_word = i;
			_exit(i & 0x7f);
		}
		if (pid < 0)
			check_fail("fork %d failed", i);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != (i & 0x7f))
			check_fail("child %d: wait status %#x", i, status);
	}
	after = utest_free_frames();
	if (after != before)
		check_fail("free frames %lu before 1000 forks, %lu after", before, after);
}

static const struct utest cases[] = {
	UTEST(kernel_memory_faults),
	UTEST(own_text_is_read_only),
	UTEST(unmapped_addresses_fault),
	UTEST(data_is_not_executable),
	UTEST(fault_codes),
	UTEST(fork_copies_memory),
	UTEST(fork_exit_wait_1000_times),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
