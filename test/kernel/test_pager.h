/* SPDX-License-Identifier: MIT */
/* A file system stand-in for the VMM tests: a strategy routine over an
 * in-memory file that records every request it gets. */
#ifndef TEST_PAGER_H
#define TEST_PAGER_H

#include <stdbool.h>
#include <stdint.h>
#include <vrm/vmuser.h>

#define TP_PAGES	2048
#define TP_LOG		256

struct tp_request {
	int flags;		/* B_READ or B_WRITE */
	uint64_t pno;		/* b_blkno / (PAGESIZE / UBSIZE) */
};

/* Word i of page p of the file until something writes the page. */
static inline uint64_t tp_word(uint64_t p, uint64_t i)
{
	return 0xf11e000000000000ul | p << 20 | i;
}

/* Two strategies over the one file (two "file systems" for vm_mount). */
int tp_strategy(struct buf *bp);
int tp_strategy_other(struct buf *bp);

/* Forgets the log and every page written; completes at once, no errors. */
void tp_reset(void);
/* Holds requests instead of completing them (tp_complete_held does). */
void tp_set_defer(bool defer);
/* Completes requests with this errno (0: succeed). */
void tp_set_error(int err);
unsigned int tp_complete_held(void);
unsigned int tp_held(void);
/* The requests so far. */
unsigned int tp_log(struct tp_request *out, unsigned int max);
/* The file's word i of page p (what was written, or the pattern). */
uint64_t tp_file_word(uint64_t p, uint64_t i);

struct ktest_run;
/* A fresh file system (the pager reset and mounted) and a client segment
 * of npages on it, attached with full rights; its address. */
caddr_t tp_client_open(struct ktest_run *t, int npages, vmid_t *id);
/* Detaches and deletes the segment and unmounts the file system. */
void tp_client_close(struct ktest_run *t, vmid_t id, caddr_t base);
#endif
