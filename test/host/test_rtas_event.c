/* SPDX-License-Identifier: MIT */
/* Host tests of lib/rtas_event.c: the hot-plug logs QEMU sends, every kind
 * of damage a log can have, and a seeded fuzz of mutated logs. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/errno.h>
#include <vrm/rtas_event.h>

#include "rng.h"
#include "tap.h"

/* A hot-plug log as QEMU 7.2 writes it (hw/ppc/spapr_events.c): the
 * fixed part, the version-6 header, Main-A, Main-B, then Hotplug. */
#define LOG_LEN		116
#define EXT_LEN		(LOG_LEN - 8)
#define MAIN_A		24
#define MAIN_B		72
#define HP		96
#define HP_LEN		20
#define FUZZ_ROUNDS	100000

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static void section(uint8_t *p, const char id[2], unsigned int len, unsigned int version)
{
	p[0] = id[0];
	p[1] = id[1];
	put16(p + 2, len);
	p[4] = version;
}

/* a is the index (ident 2), the count (3) or the count before index b (4). */
static void build(uint8_t *log, unsigned int type, unsigned int action, unsigned int ident,
		  uint32_t a, uint32_t b)
{
	memset(log, 0, LOG_LEN);
	put32(log, 0x063460e5);		/* v6, event, not recovered, extended, hot plug */
	put32(log + 4, EXT_LEN);
	log[8] = 0x86;			/* valid, new log, big-endian */
	log[10] = 0x8e;			/* PowerPC format, Platform Event Log */
	memcpy(log + 20, "IBM", 4);
	section(log + MAIN_A, "PH", 48, 0);
	log[MAIN_A + 24] = 'H';		/* created by the hypervisor */
	log[MAIN_A + 27] = 3;		/* sections */
	section(log + MAIN_B, "UH", 24, 0);
	log[MAIN_B + 8] = 0x80;		/* subsystem: external environment */
	section(log + HP, "HP", HP_LEN, 1);
	log[HP + 8] = type;
	log[HP + 9] = action;
	log[HP + 10] = ident;
	put32(log + HP + 12, a);
	put32(log + HP + 16, b);
}

/* Decodes len bytes from a heap copy of exactly that size, so that
 * AddressSanitizer sees any read past the end. */
static int decode(const uint8_t *log, size_t len, struct rtas_hotplug *ev, char *why,
		  size_t size)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, log, len);
	rc = rtas_hotplug_decode(copy, len, ev, why, size);
	free(copy);
	return rc;
}

static const char *describe(const struct rtas_hotplug *ev)
{
	static char line[96];

	rtas_hotplug_describe(ev, line, sizeof(line));
	return line;
}

struct sent {
	unsigned int type, action, ident;
	uint32_t a, b;
	const char *line;
};

/* What QEMU 7.2 sends (spapr_hotplug_req_*): CPU cores by DRC index;
 * memory by count and first index once the guest asked for hot-plug
 * interrupts (OV5_HP_EVT), by count alone otherwise. */
static const struct sent qemu_sends[] = {
	{ 1, 1, 2, 0x10000001, 0, "cpu add drc-index 0x10000001" },
	{ 1, 2, 2, 0x10000002, 0, "cpu remove drc-index 0x10000002" },
	{ 2, 1, 4, 2, 0x80000004, "memory add count 2 from drc-index 0x80000004" },
	{ 2, 2, 4, 4, 0x80000008, "memory remove count 4 from drc-index 0x80000008" },
	{ 2, 1, 3, 1, 0, "memory add count 1" },
	{ 2, 2, 3, 2, 0, "memory remove count 2" },
};

static void test_qemu_sends(void)
{
	for (size_t i = 0; i < sizeof(qemu_sends) / sizeof(qemu_sends[0]); i++) {
		const struct sent *s = &qemu_sends[i];
		struct rtas_hotplug ev;
		uint8_t log[LOG_LEN];
		char why[96] = "";
		int rc;

		build(log, s->type, s->action, s->ident, s->a, s->b);
		rc = decode(log, sizeof(log), &ev, why, sizeof(why));
		if (!is_int(rc, 0, "%s: decoded", s->line))
			diag("why: %s", why);
		ok(rc == 0 && ev.resource == s->type && ev.action == s->action &&
		   ev.ident == s->ident, "%s: resource, action and identifier", s->line);
		ok(rc == 0 && ev.count == (s->ident == 2 ? 1 : s->a) &&
		   ev.index == (s->ident == 2 ? s->a : s->ident == 4 ? s->b : 0),
		   "%s: count and index", s->line);
		is_str(rc == 0 ? describe(&ev) : why, s->line, "%s: the log line", s->line);
	}
}

/* Two logs check-exception returned under QEMU 7.2 (captured from a
 * running kernel, VOF, -m 1G,slots=4,maxmem=2G -smp 1,maxcpus=2): a
 * 512 MiB pc-dimm added at 1 GiB, then core 1. Main-A holds the date and
 * time of that run and QEMU's PLID counter. */
static const uint8_t captured_dimm[LOG_LEN] = {
	0x06, 0x34, 0x60, 0xe5, 0x00, 0x00, 0x00, 0x6c,
	0x86, 0x00, 0x8e, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x42, 0x4d, 0x00,
	0x50, 0x48, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00,
	0x20, 0x26, 0x12, 0x03, 0x14, 0x11, 0x58, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x48, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x55, 0x48, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00,
	0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x48, 0x50, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00,
	0x02, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x80, 0x00, 0x00, 0x04,
};

static const uint8_t captured_core[LOG_LEN] = {
	0x06, 0x34, 0x60, 0xe5, 0x00, 0x00, 0x00, 0x6c,
	0x86, 0x00, 0x8e, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x42, 0x4d, 0x00,
	0x50, 0x48, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00,
	0x20, 0x26, 0x12, 0x03, 0x14, 0x11, 0x59, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x48, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x55, 0x48, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00,
	0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x48, 0x50, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x01, 0x02, 0x00, 0x10, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00,
};

static void test_captured(void)
{
	struct rtas_hotplug ev;
	char why[96] = "";
	int rc = decode(captured_dimm, LOG_LEN, &ev, why, sizeof(why));
	uint8_t log[LOG_LEN];

	is_str(rc == 0 ? describe(&ev) : why, "memory add count 2 from drc-index 0x80000004",
	       "QEMU's log for a DIMM: its two LMBs from the first hot-pluggable one");
	rc = decode(captured_core, LOG_LEN, &ev, why, sizeof(why));
	is_str(rc == 0 ? describe(&ev) : why, "cpu add drc-index 0x10000001",
	       "QEMU's log for core 1: the core's DRC");
	/* build() writes the same bytes but for Main-A's date, time and PLID. */
	build(log, 1, 1, 2, 0x10000001, 0);
	ref_memcpy(log + MAIN_A + 8, captured_core + MAIN_A + 8, 8);
	ref_memcpy(log + MAIN_A + 40, captured_core + MAIN_A + 40, 4);
	ok(!ref_memcmp(log, captured_core, LOG_LEN), "the test's logs are laid out as QEMU's");
}

/* Every resource, action and identifier the decoder takes, in every
 * combination, including those QEMU does not send. */
static void test_every_combination(void)
{
	struct tally t = { 0 };

	for (unsigned int type = 1; type <= 2; type++)
		for (unsigned int action = 1; action <= 2; action++)
			for (unsigned int ident = 2; ident <= 4; ident++) {
				struct rtas_hotplug ev;
				uint8_t log[LOG_LEN];
				char why[96] = "";
				int rc;

				build(log, type, action, ident, 7, 0x12345678);
				rc = decode(log, sizeof(log), &ev, why, sizeof(why));
				if (tally_fail(&t, rc == 0 && ev.resource == type &&
					       ev.action == action && ev.ident == ident &&
					       ev.count == (ident == 2 ? 1 : 7) &&
					       ev.index == (ident == 3 ? 0 : ident == 2 ? 7 : 0x12345678)))
					tally_diag(&t, "type %u action %u ident %u: rc %d (%s)", type,
						   action, ident, rc, why);
			}
	tally_ok(&t, "every resource, action and identifier decodes");
}

static void test_accepted_variants(void)
{
	uint8_t log[2048];
	struct rtas_hotplug ev;
	char why[96] = "";
	int rc;

	/* check-exception's buffer is rtas-error-log-max bytes: what follows
	 * the log is not looked at. */
	memset(log, 0xa5, sizeof(log));
	build(log, 1, 1, 2, 0x10000003, 0);
	rc = decode(log, sizeof(log), &ev, why, sizeof(why));
	if (!ok(rc == 0 && ev.index == 0x10000003, "bytes after the log are ignored"))
		diag("rc %d, why \"%s\"", rc, why);

	/* LoPAR's hot-plug token: 4 bytes at the end of a longer section. */
	build(log, 2, 2, 4, 3, 0x80000010);
	log[HP + 11] = 0x80;
	put16(log + HP + 2, HP_LEN + 4);
	put32(log + 4, EXT_LEN + 4);
	rc = decode(log, LOG_LEN + 4, &ev, why, sizeof(why));
	if (!ok(rc == 0 && ev.count == 3 && ev.index == 0x80000010,
		"a section with a hot-plug token"))
		diag("rc %d, why \"%s\"", rc, why);

	/* A section QEMU does not write, between Main-B and Hotplug. */
	build(log, 1, 2, 2, 0x10000004, 0);
	memmove(log + HP + 12, log + HP, HP_LEN);
	memset(log + HP, 0, 12);
	section(log + HP, "EP", 12, 1);
	put32(log + 4, EXT_LEN + 12);
	rc = decode(log, LOG_LEN + 12, &ev, why, sizeof(why));
	if (!ok(rc == 0 && ev.action == RTAS_HP_REMOVE && ev.index == 0x10000004,
		"another section before the hot-plug one is stepped over"))
		diag("rc %d, why \"%s\"", rc, why);
}

/* Every length short of the whole log is refused as truncated. */
static void test_truncated(void)
{
	struct tally t = { 0 };
	uint8_t log[LOG_LEN];

	build(log, 2, 1, 4, 2, 0x80000004);
	for (size_t len = 0; len < LOG_LEN; len++) {
		struct rtas_hotplug ev;
		char why[96] = "";
		int rc = decode(log, len, &ev, why, sizeof(why));

		if (tally_fail(&t, rc == -EINVAL && ref_strstr(why, "truncated")))
			tally_diag(&t, "%zu bytes: rc %d (%s)", len, rc, why);
	}
	tally_ok(&t, "a log cut short anywhere is refused as truncated");
}

struct damage {
	const char *what;
	size_t offset;		/* where to write */
	unsigned int width;	/* 1, 2 or 4 bytes, big-endian */
	uint32_t value;
	const char *reason;	/* a part of the reason given */
};

static const struct damage damages[] = {
	{ "version 5", 0, 1, 5, "version 5, not 6" },
	{ "version 7", 0, 1, 7, "version 7, not 6" },
	{ "an EPOW event", 3, 1, 64, "event type 64 is not a hot-plug event" },
	{ "no extended part", 1, 1, 0x30, "no extended log" },
	{ "extended length past the buffer", 4, 4, EXT_LEN + 1, "truncated: extended log of 109" },
	{ "extended length huge", 4, 4, 0xffffffff, "truncated" },
	{ "extended length under its header", 4, 4, 15, "under its 16-byte header" },
	{ "extended log not valid", 8, 1, 0x06, "not marked valid" },
	{ "extended log little-endian", 8, 1, 0x84, "not big-endian" },
	{ "another log format", 10, 1, 0x8d, "log format 0x8d is not a Platform Event Log" },
	{ "not PowerPC format", 10, 1, 0x0e, "log format 0xe is not" },
	{ "another company", 20, 4, 0x41494d00, "company is not \"IBM\"" },
	{ "Main-A of length 0", MAIN_A + 2, 2, 0, "section \"PH\" at byte 24 has length 0" },
	{ "Main-A of length 7", MAIN_A + 2, 2, 7, "has length 7" },
	{ "Main-A past the end", MAIN_A + 2, 2, EXT_LEN - 15, "section \"PH\" at byte 24 runs past the end" },
	{ "Main-B of length 0", MAIN_B + 2, 2, 0, "section \"UH\" at byte 72 has length 0" },
	{ "Main-B past the end", MAIN_B + 2, 2, 0xffff, "runs past the end (length 65535)" },
	{ "Main-B reaching into Hotplug", MAIN_B + 2, 2, 28, "section 0x0100 at byte 100 has length 0" },
	{ "a section header cut by the end", MAIN_B + 2, 2, 40, "section header at byte 112 runs past the end" },
	{ "Hotplug past the end", HP + 2, 2, HP_LEN + 1, "section \"HP\" at byte 96 runs past the end" },
	{ "Main-A missing", MAIN_A, 2, 0x5548, "first section is \"UH\", not Main-A" },
	{ "unprintable first section", MAIN_A, 2, 0x0102, "first section is 0x0102" },
	{ "no Hotplug section", HP, 2, 0x4550, "no hot-plug (\"HP\") section" },
	{ "Hotplug of 11 bytes", HP + 2, 2, 11, "hot-plug section length 11, under its 12 fixed bytes" },
	{ "resource type 0", HP + 8, 1, 0, "unknown resource type 0" },
	{ "resource type 7", HP + 8, 1, 7, "unknown resource type 7" },
	{ "resource type 255", HP + 8, 1, 255, "unknown resource type 255" },
	{ "a slot", HP + 8, 1, 3, "resource slot (type 3) is not handled" },
	{ "a PHB", HP + 8, 1, 4, "resource PHB (type 4) is not handled" },
	{ "a PCI device", HP + 8, 1, 5, "resource PCI (type 5) is not handled" },
	{ "persistent memory", HP + 8, 1, 6, "resource persistent memory (type 6) is not handled" },
	{ "action 0", HP + 9, 1, 0, "unknown action 0" },
	{ "action 3", HP + 9, 1, 3, "unknown action 3" },
	{ "by DRC name", HP + 10, 1, 1, "identified by DRC name" },
	{ "identifier type 0", HP + 10, 1, 0, "unknown identifier type 0" },
	{ "identifier type 5", HP + 10, 1, 5, "unknown identifier type 5" },
	{ "count 0", HP + 12, 4, 0, "count of 0" },
	{ "a token without room", HP + 11, 1, 0x80, "hot-plug section length 20, 24 needed for a DRC count and index and a token" },
};

static void write_at(uint8_t *log, const struct damage *d)
{
	if (d->width == 1)
		log[d->offset] = d->value;
	else if (d->width == 2)
		put16(log + d->offset, d->value);
	else
		put32(log + d->offset, d->value);
}

static void test_damage(void)
{
	for (size_t i = 0; i < sizeof(damages) / sizeof(damages[0]); i++) {
		const struct damage *d = &damages[i];
		struct rtas_hotplug ev;
		uint8_t log[LOG_LEN];
		char why[128] = "";
		int rc;

		build(log, 2, 1, 4, 2, 0x80000004);
		write_at(log, d);
		rc = decode(log, sizeof(log), &ev, why, sizeof(why));
		if (!ok(rc == -EINVAL && ref_strstr(why, d->reason), "%s is refused: %s", d->what,
			d->reason))
			diag("rc %d, why \"%s\"", rc, why);
	}
}

/* Short identifiers: a section of 16 bytes holds an index or a count but
 * not a count and an index. */
static void test_identifier_room(void)
{
	struct rtas_hotplug ev;
	uint8_t log[LOG_LEN];
	char why[128] = "";
	int rc;

	build(log, 1, 1, 2, 0x10000005, 0);
	put16(log + HP + 2, 16);
	put32(log + 4, EXT_LEN - 4);
	rc = decode(log, LOG_LEN - 4, &ev, why, sizeof(why));
	if (!ok(rc == 0 && ev.index == 0x10000005, "an index fits a 16-byte section"))
		diag("rc %d, why \"%s\"", rc, why);
	build(log, 2, 1, 4, 2, 0x80000004);
	put16(log + HP + 2, 16);
	put32(log + 4, EXT_LEN - 4);
	rc = decode(log, LOG_LEN - 4, &ev, why, sizeof(why));
	if (!ok(rc == -EINVAL && ref_strstr(why, "length 16, 20 needed for a DRC count and index"),
		"a count and index do not"))
		diag("rc %d, why \"%s\"", rc, why);
}

/* The reason is cut to the buffer it is given, which may be none. */
static void test_reason_buffer(void)
{
	struct rtas_hotplug ev;
	uint8_t log[LOG_LEN];
	char why[8];

	build(log, 9, 1, 2, 1, 0);
	is_int(rtas_hotplug_decode(log, sizeof(log), &ev, NULL, 0), -EINVAL,
	       "no reason buffer: still refused");
	memset(why, 'x', sizeof(why));
	rtas_hotplug_decode(log, sizeof(log), &ev, why, 5);
	ok(!ref_memcmp(why, "unkn\0xxx", 8), "a 5-byte reason buffer gets 4 characters and a NUL");
}

/* A valid log of random content, as build() makes it. */
static void random_log(uint8_t *log)
{
	unsigned int ident = 2 + rng_below(3);
	uint32_t count = 1 + rng_below(64);

	build(log, 1 + rng_below(2), 1 + rng_below(2), ident,
	      ident == 2 ? (uint32_t)rng_next() : count, (uint32_t)rng_next());
}

/* The fields whose damage matters most: lengths and identifiers. */
static const size_t hot_offsets[] = { 0, 3, 4, 5, 6, 7, 8, 10, MAIN_A, MAIN_A + 2, MAIN_A + 3,
	MAIN_B, MAIN_B + 2, MAIN_B + 3, HP, HP + 2, HP + 3, HP + 8, HP + 9, HP + 10, HP + 11,
	HP + 12, HP + 15 };
static const uint8_t hot_values[] = { 0, 1, 2, 3, 4, 5, 7, 8, 11, 12, 16, 20, 24, 0x6c, 0x80,
	0xe5, 0xff };

static void mutate(uint8_t *log, size_t *len)
{
	unsigned int n = 1 + rng_below(6);

	for (unsigned int i = 0; i < n; i++) {
		switch (rng_below(4)) {
		case 0:
			log[rng_below(LOG_LEN)] = rng_next();
			break;
		case 1:
			log[hot_offsets[rng_below(sizeof(hot_offsets) / sizeof(hot_offsets[0]))]] =
				hot_values[rng_below(sizeof(hot_values))];
			break;
		case 2:
			log[rng_below(LOG_LEN)] ^= 1u << rng_below(8);
			break;
		default:
			*len = rng_below(*len + 1);
			break;
		}
	}
}

/* What any accepted event must satisfy, whatever the log said. */
static bool well_formed(const struct rtas_hotplug *ev)
{
	const char *line = describe(ev);

	if (ev->resource != RTAS_HP_CPU && ev->resource != RTAS_HP_MEMORY)
		return false;
	if (ev->action != RTAS_HP_ADD && ev->action != RTAS_HP_REMOVE)
		return false;
	if (ev->ident == RTAS_HP_BY_INDEX)
		return ev->count == 1 && ref_strstr(line, " drc-index 0x");
	if (ev->ident == RTAS_HP_BY_COUNT)
		return ev->count > 0 && ev->index == 0 && !ref_strstr(line, "drc-index");
	return ev->ident == RTAS_HP_BY_COUNT_INDEX && ev->count > 0 &&
	       ref_strstr(line, " from drc-index 0x");
}

static void test_fuzz(void)
{
	struct tally t = { 0 };
	unsigned long accepted = 0, refused = 0;

	rng_init();
	for (unsigned long round = 0; round < FUZZ_ROUNDS; round++) {
		struct rtas_hotplug ev;
		uint8_t log[LOG_LEN];
		size_t len = LOG_LEN;
		char why[96];
		int rc;

		random_log(log);
		mutate(log, &len);
		memset(why, 0x7f, sizeof(why));
		rc = decode(log, len, &ev, why, sizeof(why));
		if (rc == 0) {
			accepted++;
			if (tally_fail(&t, well_formed(&ev)))
				tally_diag(&t, "round %lu: accepted an odd event: %s", round,
					   describe(&ev));
		} else {
			refused++;
			if (tally_fail(&t, rc == -EINVAL && why[0] &&
				       ref_memchr(why, 0, sizeof(why))))
				tally_diag(&t, "round %lu: rc %d without a reason", round, rc);
		}
	}
	diag("fuzz: %lu logs accepted, %lu refused", accepted, refused);
	tally_ok(&t, "mutated and truncated logs are refused with a reason or decode sanely");
	ok(accepted > FUZZ_ROUNDS / 100 && refused > FUZZ_ROUNDS / 100,
	   "the fuzz reaches both outcomes");
}

int main(void)
{
	test_qemu_sends();
	test_captured();
	test_every_combination();
	test_accepted_variants();
	test_truncated();
	test_damage();
	test_identifier_room();
	test_reason_buffer();
	test_fuzz();
	return done_testing();
}
