// SPDX-License-Identifier: MIT
/* The firmware phase, in order: CAS, RTAS, flatten the tree, quiesce. */
#include <string.h>
#include "boot.h"
#include "of.h"

static const char *detect_firmware(void)
{
	phandle_t ph = of_finddevice("/openprom");
	char model[16] = "";

	/* VOF has no /openprom; SLOF's model reads "SLOF...". */
	if (ph == OF_FAILED)
		return "vof";
	of_getprop(ph, "model", model, sizeof(model) - 1);
	return strncmp(model, "SLOF", 4) ? "unknown" : "slof";
}

/*
 * Called from boot/head.S with the registers firmware entered with:
 * r3/r4 = initrd start/size (0 when none), r5 = client-interface entry.
 * Returns the flattened device tree; firmware is quiesced and must not be
 * called again.
 */
void *boot_firmware(unsigned long r3, unsigned long r4, unsigned long ci_entry)
{
	struct boot_params bp = {
		.initrd_start = r3,
		.initrd_size = r3 ? r4 : 0,
	};
	void *fdt;

	of_init(ci_entry);
	bp.firmware = detect_firmware();
	boot_cas();
	boot_rtas(&bp);
	fdt = boot_flatten(&bp);
	of_quiesce();
	return fdt;
}
