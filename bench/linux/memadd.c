// SPDX-License-Identifier: MIT
/* Memory hot-add: from the request for a 256 MiB DIMM to MemTotal growing. */
#include "hotplug.h"

static long mem_total_kib(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kib = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

int main(void)
{
	return hot_add("mem-add", "mem-add", "256", mem_total_kib);
}
