// SPDX-License-Identifier: MIT
/* The vmm suite's limits and error paths: full attach space, full paging space, misuse. */
#include <arch/memlayout.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/ktest.h>
#include <vrm/sched.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include "test_pager.h"


static volatile uint64_t *word(caddr_t base, uint64_t page)
{
	return (volatile uint64_t *)(base + page * PAGESIZE);
}

static caddr_t attach(vmid_t id)
{
	return vm_att(vm_handle(id, VM_KEY_UNLIMITED), 0);
}

KTEST(vmm, "vm_att gives NULL when every kernel region is taken, and works after a vm_det")
{
	caddr_t *att = kmalloc(KERNEL_REGIONS * sizeof(*att));
	unsigned int n = 0;
	vmid_t id;

	KT_EXPECT(t, att != NULL);
	if (!att)
		return;
	KT_EXPECT_EQ(t, vms_create_working(&id, 1), 0);
	while (n < KERNEL_REGIONS && (att[n] = attach(id)) != NULL)
		n++;
	/* Some regions may be held by others: most of them are free here. */
	KT_EXPECT(t, n > KERNEL_REGIONS / 2 && n <= KERNEL_REGIONS);
	KT_EXPECT(t, attach(id) == NULL);
	*word(att[0], 0) = 0x1234;
	vm_det(att[--n]);
	att[n] = attach(id);
	KT_EXPECT(t, att[n] != NULL);
	KT_EXPECT_EQ(t, *word(att[n], 0), 0x1234);
	for (unsigned int i = 0; i <= n; i++)
		vm_det(att[i]);
	kfree(att);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
}

KTEST(vmm, "vm_att of a deleted segment gives NULL; vm_det of nothing changes nothing")
{
	struct fault_catch c;
	vmid_t id, other;
	caddr_t base;

	KT_EXPECT_EQ(t, vms_create_working(&id, 2), 0);
	KT_EXPECT_EQ(t, vms_create_working(&other, 2), 0);
	base = attach(other);
	*word(base, 1) = 77;
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	KT_EXPECT(t, attach(id) == NULL);
	KT_EXPECT(t, vm_att(vm_handle(0, VM_KEY_UNLIMITED), 0) == NULL);
	/* A region that holds nothing, and an address outside the space. */
	vm_det((caddr_t)0xd000ff0000000000ul);
	vm_det((caddr_t)0xd000000000000123ul + ((uint64_t)4000 << 28));
	KT_EXPECT_EQ(t, *word(base, 1), 77);
	vm_det(base);
	KT_EXPECT_FAULT(t, &c, 0x380, (void)*word(base, 1));
	KT_EXPECT_EQ(t, c.error, -EFAULT);
	KT_EXPECT_EQ(t, vms_delete(other), 0);
}

KTEST(vmm, "vms_delete while attached: the data goes, the attachment faults, vm_det ends it")
{
	struct fault_catch c;
	uint64_t segments;
	struct vmstat s;
	caddr_t base;
	vmid_t id;

	vmm_stats(&s);
	segments = s.segments;
	KT_EXPECT_EQ(t, vms_create_working(&id, 4), 0);
	base = attach(id);
	*word(base, 2) = 5;
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	KT_EXPECT_EQ(t, vms_delete(id), EINVAL);
	KT_EXPECT_FAULT(t, &c, 0x300, *word(base, 2) = 6);
	KT_EXPECT_EQ(t, c.error, -EFAULT);
	vm_det(base);
	vmm_stats(&s);
	KT_EXPECT_EQ(t, s.segments, segments);
}

static void complete_held(struct timer_event *ev)
{
	tp_complete_held();
}

KTEST(vmm, "vms_delete waits for the page-outs in flight, then deletes")
{
	struct timer_event ev = { .fn = complete_held };
	caddr_t base;
	vmid_t id;

	base = tp_client_open(t, 4, &id);
	*word(base, 0) = 10;
	*word(base, 3) = 13;
	tp_set_defer(true);
	KT_EXPECT_EQ(t, vm_writep(id, 0, 4), 0);
	KT_EXPECT_EQ(t, tp_held(), 2);
	vm_det(base);
	timer_event_add(&ev, mftb() + 3 * tb_per_tick);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	/* The delete returned only once both writes had ended. */
	KT_EXPECT_EQ(t, tp_held(), 0);
	KT_EXPECT_EQ(t, tp_file_word(0, 0), 10);
	KT_EXPECT_EQ(t, tp_file_word(3, 0), 13);
	tp_set_defer(false);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
	tp_reset();
}

KTEST(vmm, "vms_create_working and vms_create_task reject bad arguments with EINVAL")
{
	vmid_t id;

	KT_EXPECT_EQ(t, vms_create_working(NULL, 4), EINVAL);
	KT_EXPECT_EQ(t, vms_create_working(&id, PAGES_PER_SEG + 1), EINVAL);
	KT_EXPECT_EQ(t, vms_create_working(&id, ~0ul), EINVAL);
	KT_EXPECT_EQ(t, vms_create_task(NULL, 4, true), EINVAL);
	KT_EXPECT_EQ(t, vms_create_task(&id, PAGES_PER_SEG + 1, false), EINVAL);
	KT_EXPECT_EQ(t, vms_create_task(&id, ~0ul, true), EINVAL);
	/* The largest size is accepted. */
	KT_EXPECT_EQ(t, vms_create_working(&id, PAGES_PER_SEG), 0);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
}

/* Touches one word of each page until a touch faults; how many worked. */
static volatile uint64_t touched;

static void touch_pages(caddr_t base, uint64_t npages)
{
	for (touched = 0; touched < npages; touched++)
		*word(base, touched) = touched ^ 0x5a5a;
}

KTEST(vmm, "with the paging space full a new page fails with ENOMEM, no panic, and all comes back")
{
	struct vmm_tunables saved, tight = { .minfree = 16, .maxfree = 32, .maxpages = 256 };
	uint64_t free_before = frames_free_count(), npages, bad = 0;
	struct fault_catch c;
	struct vmstat s;
	caddr_t base;
	vmid_t id;

	vmm_stats(&s);
	KT_EXPECT_EQ(t, s.pgsp_used, 0);
	npages = s.pgsp_total + 2 * tight.maxpages;
	vmm_get_tunables(&saved);
	KT_EXPECT_EQ(t, vmm_set_tunables(&tight), 0);
	KT_EXPECT_EQ(t, vms_create_working(&id, npages), 0);
	base = attach(id);
	KT_EXPECT_FAULT(t, &c, 0x300, touch_pages(base, npages));
	KT_EXPECT_EQ(t, c.error, -ENOMEM);
	vmm_stats(&s);
	KT_EXPECT_EQ(t, s.pgsp_used, s.pgsp_total);
	KT_EXPECT(t, touched > s.pgsp_total);
	/* With frames to spare again, everything written before the fault
	 * comes back from the paging space. */
	KT_EXPECT_EQ(t, vmm_set_tunables(&saved), 0);
	for (uint64_t p = 0; p < touched; p += 97)
		bad += *word(base, p) != (p ^ 0x5a5a);
	KT_EXPECT_EQ(t, bad, 0);
	vm_det(base);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	vmm_stats(&s);
	KT_EXPECT_EQ(t, s.pgsp_used, 0);
	KT_EXPECT_EQ(t, frames_free_count(), free_before);
}

static volatile bool stop_counting;
static volatile unsigned long ran_during_io;

/* Bound to the faulting thread's CPU: counts its turns while a page-in is
 * held by the pager. */
static void count_while_held(void *arg)
{
	(void)arg;
	while (!stop_counting) {
		if (tp_held())
			ran_during_io++;
		thread_yield();
	}
}

KTEST(vmm, "a thread waiting for a page-in sleeps: another thread runs on its CPU meanwhile")
{
	struct timer_event ev = { .fn = complete_held };
	struct thread *counter;
	caddr_t base;
	vmid_t id;

	base = tp_client_open(t, 4, &id);
	stop_counting = false;
	ran_during_io = 0;
	KT_EXPECT_EQ(t, thread_bind((int)cpu_index()), 0);
	counter = thread_create(count_while_held, NULL, PRIO_DEFAULT, (int)cpu_index(), "counter");
	tp_set_defer(true);
	timer_event_add(&ev, mftb() + 5 * tb_per_tick);
	KT_EXPECT_EQ(t, *word(base, 2), tp_word(2, 0));
	KT_EXPECT(t, ran_during_io > 0);
	stop_counting = true;
	thread_join(counter);
	KT_EXPECT_EQ(t, thread_bind(CPU_ANY), 0);
	tp_set_defer(false);
	tp_client_close(t, id, base);
	tp_reset();
}
