/* SPDX-License-Identifier: MIT */
/* SLB management beyond the bolted linear-map entry. */
#ifndef ARCH_SLB_H
#define ARCH_SLB_H

#include <stdint.h>

/* Loads a 256 MB segment for ea into the next SLB entry of this CPU. */
void slb_refill(uint64_t ea, uint64_t vsid_data);
/* Invalidates every refilled entry on this CPU and on the online CPUs in
 * mask (a bitmap of nr_cpus_possible bits, <vrm/bitmap.h>), and returns
 * when all have done so. */
void slb_flush_cpus(const unsigned long *mask);
/* The receiving side of that request (the IPI handler). */
void slb_flush_ack(void);
/* For a CPU that has just said it is online: a flush begun before that
 * sent it no IPI, but may wait for it; it answers such a flush now. */
void slb_flush_join(void);
#endif
