// SPDX-License-Identifier: MIT
/*
 * Page replacement: a clock (second chance) over the resident pages of
 * all live segments. A page referenced since the hand last passed loses
 * its reference and stays; one that was not gives up its frame, at once
 * when clean, after its pager has written it when changed.
 */
#include "vmm_impl.h"

static struct segment *hand_seg;
static uint64_t hand_pno;

/* A segment going away takes the hand to the next one. */
void replace_forget(struct segment *s)
{
	if (hand_seg == s) {
		hand_seg = s->next != s ? s->next : NULL;
		hand_pno = 0;
	}
}

static void advance_segment(void)
{
	hand_seg = hand_seg->next;
	hand_pno = 0;
}

/* Looks at the page under the hand; true when its frame was taken (or
 * will be, once its page-out ends). */
static bool consider(struct segment *s, uint64_t pno, struct vpage *vp, struct buf **queue)
{
	if (!(vp->flags & VP_RESIDENT) || (vp->flags & VP_IO))
		return false;
	vmm_counters.clock_scans++;
	if (hpt_test_clear_ref(s, pno, vp))
		return false;
	hpt_unmap(s, pno, vp);
	if (!(vp->flags & VP_MOD)) {
		page_drop(s, pno, vp);
		return true;
	}
	return !pageout_start(s, pno, vp, true, queue);
}

/*
 * Takes up to `want` frames, queueing the page-outs on *queue; stops
 * after two turns of the hand over every resident page (a page's
 * reference is cleared on the first), so it ends when nothing can go.
 */
void replace_frames(uint64_t want, struct buf **queue)
{
	uint64_t limit = 2 * vmm_counters.resident + 2, looked = 0, got = 0;
	uint64_t segments_passed = 0, segments_limit = 2 * vmm_counters.segments + 2;

	if (!hand_seg)
		hand_seg = segment_list;
	while (hand_seg && got < want && looked < limit && segments_passed < segments_limit) {
		unsigned int leaf = (unsigned int)(hand_pno / VPAGES_PER_LEAF);
		struct vpage *vp;

		if (hand_pno >= PAGES_PER_SEG || leaf >= hand_seg->dir_len) {
			advance_segment();
			segments_passed++;
			continue;
		}
		if (!hand_seg->dir[leaf]) {
			hand_pno = (uint64_t)(leaf + 1) * VPAGES_PER_LEAF;
			continue;
		}
		vp = &hand_seg->dir[leaf][hand_pno % VPAGES_PER_LEAF];
		if (vp->flags & VP_RESIDENT)
			looked++;
		if (consider(hand_seg, hand_pno, vp, queue)) {
			got++;
			vmm_counters.page_steals++;
		}
		hand_pno++;
	}
}
