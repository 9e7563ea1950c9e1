/* SPDX-License-Identifier: MIT */
/* vmstat: the VMM's counters from vmgetinfo(VMINFO), as AIX's vmstat -s lists them. */

#include <stdio.h>
#include <sys/vminfo.h>

int main(void)
{
	struct vminfo vi;
	const struct {
		const unsigned long *value;
		const char *what;
	} rows[] = {
		{ &vi.numframes, "frames of memory" },
		{ &vi.numfrb, "free frames" },
		{ &vi.numsegs, "live segments" },
		{ &vi.pgexct, "page faults" },
		{ &vi.zerofills, "zero-filled pages" },
		{ &vi.pageins, "paging space page ins" },
		{ &vi.pageouts, "paging space page outs" },
		{ &vi.pgsteals, "pages stolen" },
		{ &vi.scans, "pages examined by the clock" },
		{ &vi.slbmisses, "SLB misses" },
		{ &vi.pgspused, "paging space slots used" },
		{ &vi.pgsptotal, "paging space slots" },
	};

	if (vmgetinfo(&vi, VMINFO, sizeof(vi)) < 0) {
		perror("vmstat: vmgetinfo");
		return 1;
	}
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		printf("%14lu %s\n", *rows[i].value, rows[i].what);
	return 0;
}
