/* SPDX-License-Identifier: MIT */
/* Fatal errors: print the reason, stop the other CPUs, end the machine. */
#ifndef VRM_PANIC_H
#define VRM_PANIC_H

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* Claims the panic for this CPU (a CPU that panics later just stops) and
 * opens the locks a dying kernel still needs: console, log and RTAS. Called
 * by panic, and before the register dump of a fatal exception. */
void panic_begin(void);
/* Powers the machine off through RTAS; QEMU exits with status 0. */
void machine_power_off(void) __attribute__((noreturn));
void machine_reboot(void) __attribute__((noreturn));
#endif
