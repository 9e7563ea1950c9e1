/* SPDX-License-Identifier: MIT */
/* The one way the kernel touches a task's memory: every user pointer is
 * checked to lie in the task's half and copied with faults turned into
 * -EFAULT. */
#ifndef VRM_UACCESS_H
#define VRM_UACCESS_H

#include <stddef.h>
#include <stdbool.h>

/* Whether [uaddr, uaddr + n) lies in task space. */
bool user_range_ok(const void *uaddr, size_t n);
/* Whether the task itself may store into [uaddr, uaddr + n): in task
 * space, each page inside its region's window, of a segment the task may
 * write. For a system call's decode, which checks a result's place before
 * the call acts (docs/tasks.md); a copyout may still fail when memory
 * runs out, or another thread unmaps the place first. */
bool user_writable(void *uaddr, size_t n);
/* 0 or -EFAULT. */
int copyin(void *dst, const void *usrc, size_t n);
int copyout(void *udst, const void *src, size_t n);
/* A NUL-terminated string of at most size - 1 bytes: its length,
 * -EFAULT, or -ENAMETOOLONG. */
long copyinstr(char *dst, const char *usrc, size_t size);
/* The length of a task's string, read (at most max bytes) but kept
 * nowhere: its length (< max), -EFAULT, or -ENAMETOOLONG. */
long user_strnlen(const char *us, size_t max);
#endif
