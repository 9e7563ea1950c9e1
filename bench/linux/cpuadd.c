// SPDX-License-Identifier: MIT
/* CPU hot-add: from the request to a second CPU online in the guest. */
#include "hotplug.h"

/* CPUs in /sys/devices/system/cpu/online, a list like "0-1,4". */
static long online_cpus(void)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	char line[256], *range, *save;
	long count = 0;

	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	fclose(f);
	for (range = strtok_r(line, ",\n", &save); range;
	     range = strtok_r(NULL, ",\n", &save)) {
		int lo, hi;

		switch (sscanf(range, "%d-%d", &lo, &hi)) {
		case 1:
			count++;
			break;
		case 2:
			count += hi - lo + 1;
			break;
		}
	}
	return count ? count : -1;
}

int main(void)
{
	return hot_add("cpu-add", "cpu-add", "", online_cpus);
}
