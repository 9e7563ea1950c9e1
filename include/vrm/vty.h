/* SPDX-License-Identifier: MIT */
/* The hypervisor virtual terminal, the console of a PAPR partition. */
#ifndef VRM_VTY_H
#define VRM_VTY_H

/* Finds the console vty and registers it: 0 or -ENODEV. */
int vty_init(void);
/* Takes input by interrupt instead of polling; 0 or a negative errno. */
int vty_enable_interrupt(void);
/* How many input interrupts the vty has raised. */
unsigned long vty_input_interrupts(void);
#endif
