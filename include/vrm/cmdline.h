/* SPDX-License-Identifier: MIT */
/*
 * The kernel command line (/chosen/bootargs): space-separated key=value
 * words for the kernel, then, after a word "--", words for init.
 */
#ifndef VRM_CMDLINE_H
#define VRM_CMDLINE_H

#include <stddef.h>
#include <stdbool.h>

/* Keeps a copy of the line (truncated to 511 bytes). */
void cmdline_set(const char *line);
const char *cmdline(void);
/* Copies the value of `key` into buf; true when the key is present. */
bool cmdline_get(const char *key, char *buf, size_t size);
/*
 * Splits the words after "--" into buf (size bytes) and stores up to max
 * pointers to them in words; returns how many, or -E2BIG when they do not
 * fit.
 */
int cmdline_init_words(char *buf, size_t size, const char **words, unsigned int max);
#endif
