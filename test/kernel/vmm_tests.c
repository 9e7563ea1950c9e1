// SPDX-License-Identifier: MIT
/* The vmm suite: translation, segments, the AIX services, faults, the clock. */
#include <string.h>
#include <arch/hcall_hpt.h>
#include <arch/memlayout.h>
#include <arch/mmu_info.h>
#include <arch/paca.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/sched.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include "test_pager.h"

static struct gnode file = { .gn_strategy = tp_strategy };

static volatile uint64_t *word(caddr_t base, uint64_t page, uint64_t i)
{
	return (volatile uint64_t *)(base + page * PAGESIZE + i * 8);
}

static uint64_t read_word(caddr_t base, uint64_t page, uint64_t i)
{
	return *word(base, page, i);
}

static void write_word(caddr_t base, uint64_t page, uint64_t i, uint64_t v)
{
	*word(base, page, i) = v;
}

static caddr_t attach(vmid_t id)
{
	return vm_att(vm_handle(id, VM_KEY_UNLIMITED), 0);
}

static vmid_t working(struct ktest_run *t, uint64_t npages)
{
	vmid_t id = 0;

	KT_EXPECT_EQ(t, vms_create_working(&id, npages), 0);
	return id;
}

KTEST(vmm, "translation is on, with the linear map bolted in the largest page size")
{
	uint64_t vr[8], page_mask;
	unsigned int bolted = 0, largest = 0;
	static volatile uint64_t probe = 0x1234;

	for (unsigned int i = 0; i < mmu.nr_page_sizes; i++)
		if (mmu.page_sizes[i].shift > largest)
			largest = mmu.page_sizes[i].shift;
	page_mask = ~((1ul << largest) - 1);
	KT_EXPECT(t, mmu_enabled());
	/* The suites' machines offer 16 MiB pages (cap-hpt-max-page-size). */
	KT_EXPECT_EQ(t, largest, 24);
	KT_EXPECT_EQ(t, mmu.linear.psize->shift, largest);
	/* SLB entry 0 holds the linear segment, bolted: key 1 for problem state. */
	KT_EXPECT_EQ(t, slb_read_esid(0), slb_esid_data(KERNEL_LINEAR_BASE, &mmu.linear, 0));
	KT_EXPECT_EQ(t, slb_read_vsid(0), slb_vsid_data(&mmu.linear) | SLB_VSID_KP);
	KT_EXPECT_EQ(t, probe, 0x1234);
	/* The group of the page holding `probe` has its bolted entry. */
	for (int sec = 0; sec < 2; sec++) {
		uint64_t hash = hpt_hash(&mmu.linear, pa(&probe));
		uint64_t group = (sec ? ~hash : hash) & mmu.hash_mask;
		uint64_t want = hpte_encode_v(&mmu.linear, pa(&probe)) | HPTE_V_BOLTED |
				(sec ? HPTE_V_SECONDARY : 0);

		for (int half = 0; half < 2; half++) {
			KT_EXPECT_EQ(t, hv_read4(group * 8 + 4 * half, vr), H_SUCCESS);
			for (int i = 0; i < 4; i++)
				if (hpte_avpn(vr[2 * i]) == hpte_avpn(want) &&
				    (vr[2 * i] & want & (HPTE_V_BOLTED | HPTE_V_VALID)) ==
					    (HPTE_V_BOLTED | HPTE_V_VALID) &&
				    (vr[2 * i + 1] & HPTE_R_RPN & page_mask) == (pa(&probe) & page_mask))
					bolted++;
		}
	}
	KT_EXPECT_EQ(t, bolted, 1);
}

KTEST(vmm, "vms_create rejects bad arguments with EINVAL")
{
	vmid_t id;

	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), 0);
	KT_EXPECT_EQ(t, vms_create(&id, 0, &file, 4096, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_create(&id, V_INTRSEG, &file, 4096, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT | 0x80, &file, 4096, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, NULL, 4096, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_create(NULL, V_CLIENT, &file, 4096, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, &file, -1, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT | V_LARGE, &file, PAGES_PER_SEG + 1, 0, 0), EINVAL);
	/* uplim and downlim are ignored. */
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, &file, 4096, -5, 12345), 0);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	KT_EXPECT_EQ(t, vms_delete(id), EINVAL);
	KT_EXPECT_EQ(t, vms_delete(0), EINVAL);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
}

KTEST(vmm, "vms_create gives ENODEV before vm_mount and after vm_umount; vm_mount checks")
{
	vmid_t id;

	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, &file, 4096, 0, 0), ENODEV);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), EINVAL);
	KT_EXPECT_EQ(t, vm_mount(D_PAGING, tp_strategy, 8), EINVAL);
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, NULL, 8), EINVAL);
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 0), EINVAL);
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), 0);
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), EINVAL);
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy_other, 8), 0);
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, &file, 4096, 0, 0), 0);
	/* A file system with a segment cannot go. */
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), EBUSY);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), EINVAL);
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, &file, 4096, 0, 0), ENODEV);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy_other), 0);
}

/* Heap blocks of every small size, chained through their first word. */
static __attribute__((noinline)) void *take_heap(void)
{
	void *head = NULL;

	for (size_t size = 2048; size >= 16; size /= 2) {
		void *p;

		while ((p = kmalloc(size))) {
			*(void **)p = head;
			head = p;
		}
	}
	return head;
}

static __attribute__((noinline)) uint64_t take_frames(void)
{
	uint64_t head = 0, pa;

	while (frame_alloc(0, &pa) == 0) {
		*(uint64_t *)va(pa) = head;
		head = pa;
	}
	return head;
}

static void give_frames(uint64_t head)
{
	while (head) {
		uint64_t next = *(uint64_t *)va(head);

		frame_free(head, 0);
		head = next;
	}
}

static void give_heap(void *head)
{
	while (head) {
		void *next = *(void **)head;

		kfree(head);
		head = next;
	}
}

KTEST(vmm, "with memory exhausted, vms_create gives ENOMEM and a fault fails, no panic")
{
	uint64_t free_before = frames_free_count(), frames;
	struct fault_catch c;
	void *heap;
	vmid_t id, ws = working(t, 4);
	caddr_t base = attach(ws);

	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), 0);
	frames = take_frames();
	heap = take_heap();
	KT_EXPECT_EQ(t, vms_create(&id, V_CLIENT, &file, 4096, 0, 0), ENOMEM);
	KT_EXPECT_EQ(t, vms_create_working(&id, 4), ENOMEM);
	KT_EXPECT_FAULT(t, &c, 0x300, write_word(base, 0, 0, 1));
	KT_EXPECT_EQ(t, c.error, -ENOMEM);
	give_heap(heap);
	give_frames(frames);
	/* And once memory is back, the same touch works. */
	write_word(base, 0, 0, 7);
	KT_EXPECT_EQ(t, read_word(base, 0, 0), 7);
	vm_det(base);
	KT_EXPECT_EQ(t, vms_delete(ws), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
	KT_EXPECT_EQ(t, frames_free_count(), free_before);
}

KTEST(vmm, "working storage zero-fills, and two attachments see the same pages")
{
	vmid_t id = working(t, 16);
	vmhandle_t h = vm_handle(id, VM_KEY_UNLIMITED);
	caddr_t a = vm_att(h, (caddr_t)0x1234), b = vm_att(h, 0);
	struct vmstat before, after;
	bool zero = true;

	KT_EXPECT_EQ(t, (uint64_t)a & (SEGSIZE - 1), 0x1234);
	KT_EXPECT(t, (uint64_t)a - 0x1234 != (uint64_t)b);
	a -= 0x1234;
	vmm_stats(&before);
	for (uint64_t p = 0; p < 16; p++)
		for (uint64_t i = 0; i < PAGESIZE / 8; i++)
			zero = zero && read_word(a, p, i) == 0;
	KT_EXPECT(t, zero);
	for (uint64_t p = 0; p < 16; p++)
		write_word(a, p, p, 0xabc0 + p);
	for (uint64_t p = 0; p < 16; p++)
		KT_EXPECT_EQ(t, read_word(b, p, p), 0xabc0 + p);
	vmm_stats(&after);
	KT_EXPECT_EQ(t, after.zero_fills - before.zero_fills, 16);
	KT_EXPECT_EQ(t, after.faults - before.faults, 16);
	vm_det(a);
	vm_det(b);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
}

KTEST(vmm, "an address outside any segment, a detached one and a limited handle's store fail")
{
	vmid_t id = working(t, 4);
	caddr_t rw = attach(id);
	caddr_t ro = vm_att(vm_handle(id, VM_KEY_LIMITED), 0);
	struct fault_catch c;

	write_word(rw, 1, 0, 42);
	KT_EXPECT_EQ(t, read_word(ro, 1, 0), 42);
	KT_EXPECT_FAULT(t, &c, 0x300, write_word(ro, 1, 0, 43));
	KT_EXPECT_EQ(t, c.error, -EACCES);
	KT_EXPECT_EQ(t, read_word(rw, 1, 0), 42);
	vm_det(ro);
	KT_EXPECT_FAULT(t, &c, 0x380, read_word(ro, 1, 0));
	KT_EXPECT_EQ(t, c.error, -EFAULT);
	KT_EXPECT_EQ(t, c.dar, (unsigned long)word(ro, 1, 0));
	/* A page beyond the segment's 256 MB cannot exist at all; an
	 * unattached region of the kernel's attach space neither. */
	KT_EXPECT_FAULT(t, &c, 0x380, read_word((caddr_t)0xd000ff0000000000ul, 0, 0));
	KT_EXPECT_EQ(t, c.error, -EFAULT);
	vm_det(rw);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
}

KTEST(vmm, "a client page-in is a read of that page's block, through the strategy")
{
	struct tp_request log[8];
	vmid_t id;
	caddr_t base;
	unsigned int n;

	base = tp_client_open(t, 8, &id);
	KT_EXPECT_EQ(t, read_word(base, 3, 5), tp_word(3, 5));
	KT_EXPECT_EQ(t, read_word(base, 3, 511), tp_word(3, 511));
	n = tp_log(log, 8);
	KT_EXPECT_EQ(t, n, 1);
	KT_EXPECT_EQ(t, log[0].flags, B_READ);
	KT_EXPECT_EQ(t, log[0].pno, 3);
	/* vm_makep makes a page without reading it. */
	KT_EXPECT_EQ(t, vm_makep(id, 6), 0);
	KT_EXPECT_EQ(t, vm_makep(id, 6), 0);
	KT_EXPECT_EQ(t, read_word(base, 6, 0), 0);
	KT_EXPECT_EQ(t, tp_log(log, 8), 1);
	KT_EXPECT_EQ(t, vm_makep(id, -1), EINVAL);
	KT_EXPECT_EQ(t, vm_makep(id, PAGES_PER_SEG), EINVAL);
	KT_EXPECT_EQ(t, vm_makep(id + 1000, 0), EINVAL);
	tp_client_close(t, id, base);
}

KTEST(vmm, "vm_makep is for client storage only")
{
	vmid_t id = working(t, 4);

	KT_EXPECT_EQ(t, vm_makep(id, 0), EINVAL);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
}

KTEST(vmm, "vm_writep writes the modified pages of the range and only those")
{
	struct tp_request log[16];
	vmid_t id;
	caddr_t base;
	unsigned int n, writes = 0;
	bool saw1 = false, saw3 = false;

	base = tp_client_open(t, 8, &id);
	for (uint64_t p = 0; p < 5; p++)
		KT_EXPECT_EQ(t, read_word(base, p, 0), tp_word(p, 0));
	write_word(base, 1, 7, 111);
	write_word(base, 3, 9, 333);
	write_word(base, 6, 0, 666);	/* modified, but outside the range */
	KT_EXPECT_EQ(t, vm_writep(id, 0, 5), 0);
	KT_EXPECT_EQ(t, vms_iowait(id), 0);
	n = tp_log(log, 16);
	for (unsigned int i = 0; i < n; i++) {
		if (log[i].flags & B_READ)
			continue;
		writes++;
		saw1 = saw1 || log[i].pno == 1;
		saw3 = saw3 || log[i].pno == 3;
	}
	KT_EXPECT_EQ(t, writes, 2);
	KT_EXPECT(t, saw1 && saw3);
	KT_EXPECT_EQ(t, tp_file_word(1, 7), 111);
	KT_EXPECT_EQ(t, tp_file_word(3, 9), 333);
	KT_EXPECT_EQ(t, tp_file_word(6, 0), tp_word(6, 0));
	/* Written pages are clean now: a second call writes nothing. */
	KT_EXPECT_EQ(t, vm_writep(id, 0, 5), 0);
	KT_EXPECT_EQ(t, tp_log(log, 16), n);
	KT_EXPECT_EQ(t, vm_writep(id, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vm_writep(id, -1, 2), EINVAL);
	KT_EXPECT_EQ(t, vm_writep(id, 0, -2), EINVAL);
	KT_EXPECT_EQ(t, vm_writep(id, 4, 5), EINVAL);
	KT_EXPECT_EQ(t, vm_writep(id + 1000, 0, 1), EINVAL);
	tp_client_close(t, id, base);
}

static void complete_later(struct timer_event *e)
{
	(void)e;
	tp_complete_held();
}

KTEST(vmm, "vms_iowait waits for the page-outs in flight and reports a failed one")
{
	struct timer_event ev = { .fn = complete_later };
	vmid_t id;
	caddr_t base;

	base = tp_client_open(t, 4, &id);
	write_word(base, 0, 0, 10);
	write_word(base, 2, 0, 12);
	tp_set_defer(true);
	KT_EXPECT_EQ(t, vm_writep(id, 0, 4), 0);
	KT_EXPECT_EQ(t, tp_held(), 2);
	timer_event_add(&ev, mftb() + 3 * tb_per_tick);
	KT_EXPECT_EQ(t, vms_iowait(id), 0);
	KT_EXPECT_EQ(t, tp_held(), 0);
	KT_EXPECT_EQ(t, tp_file_word(2, 0), 12);
	/* A write that fails leaves the page modified and vms_iowait says EIO. */
	tp_set_defer(false);
	write_word(base, 1, 0, 11);
	tp_set_error(EIO);
	KT_EXPECT_EQ(t, vm_writep(id, 0, 4), 0);
	KT_EXPECT_EQ(t, vms_iowait(id), EIO);
	KT_EXPECT_EQ(t, vms_iowait(id), 0);
	tp_set_error(0);
	KT_EXPECT_EQ(t, vm_writep(id, 0, 4), 0);
	KT_EXPECT_EQ(t, vms_iowait(id), 0);
	KT_EXPECT_EQ(t, tp_file_word(1, 0), 11);
	KT_EXPECT_EQ(t, vms_iowait(id + 1000), EINVAL);
	tp_client_close(t, id, base);
}

KTEST(vmm, "vm_releasep discards frames: the next touch pages in again")
{
	struct tp_request log[8];
	vmid_t id, ws = working(t, 4);
	caddr_t base, wbase = attach(ws);

	base = tp_client_open(t, 4, &id);
	KT_EXPECT_EQ(t, read_word(base, 2, 0), tp_word(2, 0));
	write_word(base, 2, 0, 5);	/* discarded, never written */
	KT_EXPECT_EQ(t, vm_releasep(id, 2, 1), 0);
	KT_EXPECT_EQ(t, read_word(base, 2, 0), tp_word(2, 0));
	KT_EXPECT_EQ(t, tp_log(log, 8), 2);
	KT_EXPECT_EQ(t, log[1].flags, B_READ);
	KT_EXPECT_EQ(t, log[1].pno, 2);
	KT_EXPECT_EQ(t, vm_releasep(id, 0, 0), EINVAL);
	KT_EXPECT_EQ(t, vm_releasep(id, 3, 2), EINVAL);
	/* Working storage: the contents go, the next touch zero-fills. */
	write_word(wbase, 1, 3, 99);
	KT_EXPECT_EQ(t, vm_releasep(ws, 0, 4), 0);
	KT_EXPECT_EQ(t, read_word(wbase, 1, 3), 0);
	vm_det(base);
	vm_det(wbase);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	KT_EXPECT_EQ(t, vms_delete(ws), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
}

/* The test's own thread, which a timer interrupts as a signal would. */
static struct thread *waiter;

static void interrupt_me(struct timer_event *e)
{
	(void)e;
	thread_interrupt(waiter);
}

KTEST(vmm, "a page wait on a V_INTRSEG segment can be interrupted; on others it cannot")
{
	struct timer_event ev = { .fn = interrupt_me }, done = { .fn = complete_later };
	struct fault_catch c;
	vmid_t intr, plain;
	caddr_t a, b;

	tp_reset();
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), 0);
	KT_EXPECT_EQ(t, vms_create(&intr, V_CLIENT | V_INTRSEG, &file, 4 * PAGESIZE, 0, 0), 0);
	KT_EXPECT_EQ(t, vms_create(&plain, V_CLIENT, &file, 4 * PAGESIZE, 0, 0), 0);
	a = attach(intr);
	b = attach(plain);
	waiter = current_thread();
	tp_set_defer(true);
	timer_event_add(&ev, mftb() + 2 * tb_per_tick);
	KT_EXPECT_FAULT(t, &c, 0x300, read_word(a, 1, 0));
	KT_EXPECT_EQ(t, c.error, -EINTR);
	KT_EXPECT_EQ(t, tp_held(), 1);
	tp_complete_held();
	KT_EXPECT_EQ(t, read_word(a, 1, 0), tp_word(1, 0));
	/* The plain segment's wait outlasts the interruption. */
	timer_event_add(&ev, mftb() + 2 * tb_per_tick);
	timer_event_add(&done, mftb() + 6 * tb_per_tick);
	KT_EXPECT_EQ(t, read_word(b, 2, 0), tp_word(2, 0));
	/* The interruption came and ended nothing, or is cancelled: either
	 * way nothing stays pending for the thread's next sleep. */
	timer_event_cancel(&ev);
	KT_EXPECT(t, !current_thread()->interrupted);
	tp_set_defer(false);
	vm_det(a);
	vm_det(b);
	KT_EXPECT_EQ(t, vms_delete(intr), 0);
	KT_EXPECT_EQ(t, vms_delete(plain), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
}

KTEST(vmm, "a failed page-in is an I/O error the toucher sees, and a retry works")
{
	struct fault_catch c;
	vmid_t id;
	caddr_t base;

	base = tp_client_open(t, 4, &id);
	tp_set_error(EIO);
	KT_EXPECT_FAULT(t, &c, 0x300, read_word(base, 0, 0));
	KT_EXPECT_EQ(t, c.error, -EIO);
	tp_set_error(0);
	KT_EXPECT_EQ(t, read_word(base, 0, 0), tp_word(0, 0));
	tp_client_close(t, id, base);
}

#define CROWD 24

KTEST(vmm, "more pages in one HPT group than it holds: entries are evicted, data stays")
{
	vmid_t ids[CROWD];
	caddr_t base[CROWD];
	uint64_t pno[CROWD];
	const uint64_t group = 0x1a5;
	struct vmstat before, after;

	vmm_stats(&before);
	/* Page p of segment v hashes to group (v ^ p): pick p so all collide. */
	for (int i = 0; i < CROWD; i++) {
		ids[i] = working(t, PAGES_PER_SEG);
		pno[i] = ((uint64_t)ids[i] ^ group) & mmu.hash_mask & (PAGES_PER_SEG - 1);
		base[i] = attach(ids[i]);
	}
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < CROWD; i++)
			write_word(base[i], pno[i], 0, 0xc0de0000 + (uint64_t)i);
	for (int i = 0; i < CROWD; i++)
		KT_EXPECT_EQ(t, read_word(base[i], pno[i], 0), 0xc0de0000 + (uint64_t)i);
	vmm_stats(&after);
	kprintf("# %lu evictions\n", (unsigned long)(after.hpte_evictions - before.hpte_evictions));
	KT_EXPECT(t, after.hpte_evictions - before.hpte_evictions >= CROWD - 16);
	for (int i = 0; i < CROWD; i++) {
		vm_det(base[i]);
		KT_EXPECT_EQ(t, vms_delete(ids[i]), 0);
	}
}

#define MANY 96

KTEST(vmm, "more live segments than SLB entries: misses refill, data stays")
{
	vmid_t ids[MANY];
	caddr_t base[MANY];
	struct vmstat before, after;

	vmm_stats(&before);
	for (int i = 0; i < MANY; i++) {
		ids[i] = working(t, 1);
		base[i] = attach(ids[i]);
		write_word(base[i], 0, 0, (uint64_t)ids[i]);
	}
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < MANY; i++)
			KT_EXPECT_EQ(t, read_word(base[i], 0, 0), (uint64_t)ids[i]);
	vmm_stats(&after);
	KT_EXPECT(t, after.slb_misses - before.slb_misses >= 2 * MANY);
	for (int i = 0; i < MANY; i++) {
		vm_det(base[i]);
		KT_EXPECT_EQ(t, vms_delete(ids[i]), 0);
	}
}

#define SEGMENTS 10000
#define SEG_PAGES 4

KTEST(vmm, "10,000 segments created, attached, touched, detached and deleted; memory comes back")
{
	uint64_t free_before = frames_free_count();
	struct heap_stats hs_before, hs_after;
	struct vmstat vs;
	unsigned int bad = 0;

	heap_stats(&hs_before);
	for (int n = 0; n < SEGMENTS; n++) {
		vmid_t id;
		caddr_t base;

		if (vms_create_working(&id, SEG_PAGES)) {
			bad++;
			break;
		}
		base = attach(id);
		for (uint64_t p = 0; p < SEG_PAGES; p++)
			write_word(base, p, p, (uint64_t)n);
		for (uint64_t p = 0; p < SEG_PAGES; p++)
			bad += read_word(base, p, p) != (uint64_t)n;
		vm_det(base);
		bad += vms_delete(id) != 0;
	}
	KT_EXPECT_EQ(t, bad, 0);
	vmm_stats(&vs);
	KT_EXPECT_EQ(t, vs.resident, 0);
	KT_EXPECT_EQ(t, vs.segments, 0);
	heap_stats(&hs_after);
	KT_EXPECT_EQ(t, hs_after.bytes_in_use, hs_before.bytes_in_use);
	KT_EXPECT_EQ(t, frames_free_count(), free_before);
}

/* Fills npages pages with a pattern under a frame cap, then checks them. */
static void pressure(struct ktest_run *t, caddr_t base, uint64_t npages, uint64_t salt)
{
	unsigned int bad = 0;

	for (uint64_t p = 0; p < npages; p++)
		for (uint64_t i = 0; i < PAGESIZE / 8; i += 64)
			write_word(base, p, i, salt ^ (p << 16) ^ i);
	for (uint64_t p = 0; p < npages; p++)
		for (uint64_t i = 0; i < PAGESIZE / 8; i += 64)
			bad += read_word(base, p, i) != (salt ^ (p << 16) ^ i);
	KT_EXPECT_EQ(t, bad, 0);
}

KTEST(vmm, "under pressure the clock sends pages out and they come back intact")
{
	struct vmm_tunables saved, tight = { .minfree = 16, .maxfree = 32, .maxpages = 256 };
	struct vmstat before, after;
	vmid_t ws, cs;
	caddr_t wb, cb;
	uint64_t free_before = frames_free_count();

	vmm_get_tunables(&saved);
	tp_reset();
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 16), 0);
	KT_EXPECT_EQ(t, vmm_set_tunables(&tight), 0);
	vmm_stats(&before);
	ws = working(t, 1024);
	wb = attach(ws);
	pressure(t, wb, 1024, 0x5eed);
	KT_EXPECT(t, vmm_frames_held() <= tight.maxpages);
	KT_EXPECT_EQ(t, vms_create(&cs, V_CLIENT, &file, 1024 * PAGESIZE, 0, 0), 0);
	cb = attach(cs);
	pressure(t, cb, 1024, 0xf00d);
	vmm_stats(&after);
	kprintf("# %lu page-outs, %lu page-ins, %lu steals, %lu pages looked at\n",
		(unsigned long)(after.page_outs - before.page_outs),
		(unsigned long)(after.page_ins - before.page_ins),
		(unsigned long)(after.page_steals - before.page_steals),
		(unsigned long)(after.clock_scans - before.clock_scans));
	KT_EXPECT(t, after.page_outs - before.page_outs >= 2 * (1024 - 256));
	KT_EXPECT(t, after.page_ins - before.page_ins >= 1024 - 256);
	/* The file got what the client segment wrote. */
	KT_EXPECT_EQ(t, tp_file_word(5, 64), 0xf00d ^ (5ul << 16) ^ 64);
	vm_det(wb);
	vm_det(cb);
	KT_EXPECT_EQ(t, vms_delete(ws), 0);
	KT_EXPECT_EQ(t, vms_delete(cs), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
	KT_EXPECT_EQ(t, vmm_set_tunables(&saved), 0);
	vmm_stats(&after);
	KT_EXPECT_EQ(t, after.pgsp_used, 0);
	KT_EXPECT_EQ(t, vmm_frames_held(), 0);
	tp_reset();
	KT_EXPECT_EQ(t, frames_free_count(), free_before);
}

KTEST(vmm, "vmm tunables are checked")
{
	struct vmm_tunables bad[] = {
		{ .minfree = 0, .maxfree = 8 },
		{ .minfree = 8, .maxfree = 8 },
		{ .minfree = 8, .maxfree = 16, .maxpages = 16 },
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KT_EXPECT_EQ(t, vmm_set_tunables(&bad[i]), -EINVAL);
}

KTEST(vmm, "figures: a zero-fill fault and a vms_create + vms_delete pair, in timebase ticks")
{
	const uint64_t pages = 256, pairs = 256;
	vmid_t id = working(t, pages), ids;
	caddr_t base = attach(id);
	uint64_t t0, fault_ticks, pair_ticks;

	tp_reset();
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), 0);
	t0 = mftb();
	for (uint64_t p = 0; p < pages; p++)
		write_word(base, p, 0, p);
	fault_ticks = (mftb() - t0) / pages;
	t0 = mftb();
	for (uint64_t n = 0; n < pairs; n++) {
		KT_EXPECT_EQ(t, vms_create(&ids, V_CLIENT, &file, PAGESIZE, 0, 0), 0);
		KT_EXPECT_EQ(t, vms_delete(ids), 0);
	}
	pair_ticks = (mftb() - t0) / pairs;
	kprintf("# zero-fill fault: %lu ticks (%lu ns); vms_create+vms_delete: %lu ticks (%lu ns)\n",
		(unsigned long)fault_ticks, (unsigned long)(fault_ticks * 1000000000ul / tb_freq),
		(unsigned long)pair_ticks, (unsigned long)(pair_ticks * 1000000000ul / tb_freq));
	tp_client_close(t, id, base);
}

#define LIVE_MAX 100000

/*
 * As many live segments as memory allows (up to LIVE_MAX), each with one
 * page touched through an attachment; then every one is read back, and
 * all are deleted. A segment costs its control block, a small page table
 * and its frame: about 7 KiB.
 */
KTEST(vmm, "as many live segments as memory allows, up to 100,000, each intact")
{
	uint64_t free_before = frames_free_count();
	uint64_t live = free_before / 4 < LIVE_MAX ? free_before / 4 : LIVE_MAX;
	vmid_t *ids = kmalloc(live * sizeof(*ids));
	unsigned int bad = 0;
	uint64_t n;
	struct vmstat vs;

	KT_EXPECT(t, ids != NULL);
	if (!ids)
		return;
	for (n = 0; n < live; n++) {
		caddr_t base;

		if (vms_create_working(&ids[n], 1))
			break;
		base = attach(ids[n]);
		write_word(base, 0, 1, (uint64_t)ids[n] * 3);
		vm_det(base);
	}
	KT_EXPECT_EQ(t, n, live);
	vmm_stats(&vs);
	kprintf("# %lu live segments, %lu resident pages, %lu frames free of %lu\n",
		(unsigned long)vs.segments, (unsigned long)vs.resident,
		(unsigned long)frames_free_count(), (unsigned long)frames_total_count());
	for (uint64_t i = 0; i < n; i++) {
		caddr_t base = attach(ids[i]);

		bad += read_word(base, 0, 1) != (uint64_t)ids[i] * 3;
		vm_det(base);
		bad += vms_delete(ids[i]) != 0;
	}
	KT_EXPECT_EQ(t, bad, 0);
	kfree(ids);
	KT_EXPECT_EQ(t, frames_free_count(), free_before);
}

/* li r3,42; blr */
static const uint32_t return_42[] = { 0x3860002a, 0x4e800020 };

KTEST(vmm, "code in a client segment runs: segment miss, page-in, instruction fetch")
{
	struct tp_request log[8];
	struct vmstat before, after;
	long (*fn)(void);
	vmid_t id;
	caddr_t base;
	unsigned int n;

	base = tp_client_open(t, 4, &id);
	/* Into the file through the segment, then out of memory again. */
	memcpy(base + PAGESIZE + 0x100, return_42, sizeof(return_42));
	KT_EXPECT_EQ(t, vm_writep(id, 1, 1), 0);
	KT_EXPECT_EQ(t, vms_iowait(id), 0);
	KT_EXPECT_EQ(t, vm_releasep(id, 1, 1), 0);
	vm_det(base);
	base = attach(id);
	vmm_stats(&before);
	fn = (long (*)(void))(base + PAGESIZE + 0x100);
	KT_EXPECT_EQ(t, fn(), 42);
	vmm_stats(&after);
	KT_EXPECT_EQ(t, after.page_ins - before.page_ins, 1);
	KT_EXPECT_EQ(t, after.slb_misses - before.slb_misses, 1);
	n = tp_log(log, 8);
	KT_EXPECT_EQ(t, log[n - 1].flags, B_READ);
	KT_EXPECT_EQ(t, log[n - 1].pno, 1);
	tp_client_close(t, id, base);
}

static void touch_region(void *arg)
{
	(void)read_word(arg, 0, 0);
}

/* How many online CPUs flushed their SLB during vm_det(base); ~0u when
 * there is no memory to count them. */
static unsigned int detach_flushes(caddr_t base)
{
	unsigned long *before = kmalloc(nr_cpus_possible * sizeof(*before));
	unsigned int flushed = 0;

	if (!before)
		return ~0u;
	for (unsigned int i = 0; i < nr_cpus_possible; i++)
		before[i] = paca_of(i)->slb_flushed;
	vm_det(base);
	for (unsigned int i = 0; i < nr_cpus_possible; i++)
		flushed += paca_of(i)->online && paca_of(i)->slb_flushed != before[i];
	kfree(before);
	return flushed;
}

KTEST(vmm, "vm_det flushes the SLB of every CPU that loaded the region, only those")
{
	vmid_t id = working(t, 1);
	caddr_t base = attach(id);
	unsigned int online = 0;

	write_word(base, 0, 0, 1);
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		struct thread *th;

		if (!paca_of(i)->online)
			continue;
		online++;
		th = thread_create(touch_region, base, PRIO_DEFAULT, (int)i, "touch");
		KT_EXPECT(t, th != NULL);
		if (th)
			thread_join(th);
	}
	KT_EXPECT_EQ(t, detach_flushes(base), online);
	/* Loaded by this CPU alone: no other CPU is interrupted. */
	base = attach(id);
	write_word(base, 0, 0, 2);
	KT_EXPECT_EQ(t, detach_flushes(base), 1);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
}

KTEST(vmm, "no page-table hcall failed unexpectedly in this suite")
{
	struct vmstat v;

	vmm_stats(&v);
	KT_EXPECT_EQ(t, v.hpt_errors, 0);
}
