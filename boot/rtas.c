// SPDX-License-Identifier: MIT
/* instantiate-rtas: copy RTAS into memory the kernel chose (inside its image). */
#include <vrm/endian.h>
#include "boot.h"
#include "of.h"

#define RTAS_AREA_SIZE	(64 * 1024)

/* In the kernel's BSS: below 4 GiB, inside the RMA, already reserved. */
static char rtas_area[RTAS_AREA_SIZE] __attribute__((aligned(4096)));

void boot_rtas(struct boot_params *bp)
{
	phandle_t node = of_finddevice("/rtas");
	uint32_t ret[2];
	ihandle_t ih;
	be32 size;

	if (node == OF_FAILED || of_getprop(node, "rtas-size", &size, 4) != 4)
		of_fatal("no /rtas node with rtas-size", 0);
	bp->rtas_size = be32_to_cpu(size);
	if (bp->rtas_size > RTAS_AREA_SIZE)
		of_fatal("rtas-size larger than the area reserved for it", bp->rtas_size);
	ih = of_open("/rtas");
	if (!ih)
		of_fatal("cannot open /rtas", 0);
	bp->rtas_base = of_cell(rtas_area);
	if (of_call_method("instantiate-rtas", ih, bp->rtas_base, ret) || ret[0] != 0)
		of_fatal("instantiate-rtas failed", ret[0]);
	bp->rtas_entry = ret[1];
}
