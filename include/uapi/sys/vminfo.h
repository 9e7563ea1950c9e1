/* SPDX-License-Identifier: MIT */
/* vmgetinfo(): the VMM's counters (the vmstat command). */
#ifndef _UAPI_SYS_VMINFO_H
#define _UAPI_SYS_VMINFO_H

#define VMINFO		0	/* out: struct vminfo; arg: its size */

struct vminfo {
	unsigned long pgexct;	/* page faults resolved */
	unsigned long zerofills;
	unsigned long pageins;
	unsigned long pageouts;
	unsigned long pgsteals;
	unsigned long scans;
	unsigned long slbmisses;
	unsigned long numsegs;	/* live segments */
	unsigned long numframes;	/* frames of memory */
	unsigned long numfrb;	/* free frames */
	unsigned long pgspused;	/* paging-space slots used */
	unsigned long pgsptotal;
};
#endif
