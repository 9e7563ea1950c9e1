/* SPDX-License-Identifier: MIT */
/* The Open Firmware client interface, as the firmware phase uses it. */
#ifndef BOOT_OF_H
#define BOOT_OF_H

#include <stdint.h>
#include <stddef.h>

typedef uint32_t phandle_t;
typedef uint32_t ihandle_t;

#define OF_FAILED	0xffffffffu
/* Property names run past IEEE 1275's 31 characters in practice
 * ("ibm,associativity-reference-points"); nextprop writes them whole. */
#define OF_PROP_NAME_MAX	64

void of_init(unsigned long entry);
phandle_t of_finddevice(const char *path);
phandle_t of_peer(phandle_t ph);
phandle_t of_child(phandle_t ph);
int of_getprop(phandle_t ph, const char *name, void *buf, size_t len);
int of_nextprop(phandle_t ph, const char *prev, char name[OF_PROP_NAME_MAX]);
int of_package_to_path(phandle_t ph, char *buf, size_t len);
ihandle_t of_open(const char *path);
int of_call_method(const char *method, ihandle_t ih, uint32_t arg, uint32_t *ret);
void of_write(const char *s);
void of_quiesce(void);
void __attribute__((noreturn)) of_fatal(const char *what, long code);

/* Real address below 4 GiB of a kernel pointer, as a client-interface cell. */
uint32_t of_cell(const void *p);
#endif
