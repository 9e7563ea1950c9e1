// SPDX-License-Identifier: MIT
/* Client interface calls (IEEE 1275 PowerPC binding) through the firmware gate. */
#include <stdarg.h>
#include <string.h>
#include <arch/fwcall.h>
#include <arch/memlayout.h>
#include "of.h"
#include <vrm/endian.h>

/* The argument block: service name, counts, then argument and return cells,
 * all big-endian 32-bit, at a real address below 4 GiB. */
struct of_args {
	be32 service;
	be32 nargs;
	be32 nret;
	be32 cell[16];
};

static unsigned long ci_entry;
static struct of_args args;
static ihandle_t stdout_ih;

uint32_t of_cell(const void *p)
{
	return (uint32_t)pa(p);
}

/* Calls `service` with nargs cells from the variadic list; copies nret
 * results to ret (may be NULL). Returns -1 when the interface failed. */
static int of_call(const char *service, int nargs, int nret, uint32_t *ret, ...)
{
	va_list ap;
	int i;

	args.service = cpu_to_be32(of_cell(service));
	args.nargs = cpu_to_be32(nargs);
	args.nret = cpu_to_be32(nret);
	va_start(ap, ret);
	for (i = 0; i < nargs; i++)
		args.cell[i] = cpu_to_be32(va_arg(ap, uint32_t));
	va_end(ap);
	for (i = 0; i < nret; i++)
		args.cell[nargs + i] = cpu_to_be32(0);

	if (fw_call(ci_entry, pa(&args), 0) != 0)
		return -1;
	for (i = 0; ret && i < nret; i++)
		ret[i] = be32_to_cpu(args.cell[nargs + i]);
	return 0;
}

void of_init(unsigned long entry)
{
	phandle_t chosen;
	be32 ih;

	ci_entry = entry;
	chosen = of_finddevice("/chosen");
	if (chosen != OF_FAILED && of_getprop(chosen, "stdout", &ih, sizeof(ih)) == 4)
		stdout_ih = be32_to_cpu(ih);
}

phandle_t of_finddevice(const char *path)
{
	uint32_t r;

	return of_call("finddevice", 1, 1, &r, of_cell(path)) ? OF_FAILED : r;
}

phandle_t of_peer(phandle_t ph)
{
	uint32_t r;

	return of_call("peer", 1, 1, &r, ph) ? 0 : r;
}

phandle_t of_child(phandle_t ph)
{
	uint32_t r;

	return of_call("child", 1, 1, &r, ph) ? 0 : r;
}

int of_getprop(phandle_t ph, const char *name, void *buf, size_t len)
{
	uint32_t r;

	if (of_call("getprop", 4, 1, &r, ph, of_cell(name), of_cell(buf), (uint32_t)len))
		return -1;
	return (int32_t)r;
}

/* Returns 1 and the next property's name, 0 after the last, -1 on error. */
int of_nextprop(phandle_t ph, const char *prev, char name[OF_PROP_NAME_MAX])
{
	uint32_t r;

	if (of_call("nextprop", 3, 1, &r, ph, of_cell(prev), of_cell(name)))
		return -1;
	return (int32_t)r;
}

int of_package_to_path(phandle_t ph, char *buf, size_t len)
{
	uint32_t r;

	if (of_call("package-to-path", 3, 1, &r, ph, of_cell(buf), (uint32_t)len))
		return -1;
	return (int32_t)r;
}

ihandle_t of_open(const char *path)
{
	uint32_t r;

	return of_call("open", 1, 1, &r, of_cell(path)) ? 0 : r;
}

/* call-method with one argument; ret[0] = catch result, ret[1] = first
 * value returned by the method. */
int of_call_method(const char *method, ihandle_t ih, uint32_t arg, uint32_t *ret)
{
	return of_call("call-method", 3, 2, ret, of_cell(method), ih, arg);
}

void of_write(const char *s)
{
	uint32_t r;

	if (stdout_ih)
		of_call("write", 3, 1, &r, stdout_ih, of_cell(s), (uint32_t)strlen(s));
}

void of_quiesce(void)
{
	of_call("quiesce", 0, 0, NULL);
}

/* The firmware phase cannot continue: say why on firmware's console and
 * hand the machine back to firmware. */
void of_fatal(const char *what, long code)
{
	static const char digits[] = "0123456789abcdef";
	char num[20];
	int i = sizeof(num) - 1;
	unsigned long v = (unsigned long)code;

	num[i] = 0;
	do {
		num[--i] = digits[v & 15];
		v >>= 4;
	} while (v && i > 2);
	num[--i] = 'x';
	num[--i] = '0';
	of_write("vrm: boot: ");
	of_write(what);
	of_write(" (");
	of_write(num + i);
	of_write(")\r\n");
	of_call("exit", 0, 0, NULL);
	for (;;)
		;
}
