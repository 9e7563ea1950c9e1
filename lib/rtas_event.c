// SPDX-License-Identifier: MIT
/* The RTAS hot-plug event log decoder: a version-6 log to one event. */

/*
 * The log (LoPAR, "RTAS Error/Event Return Format" and "Version 6
 * Extensions of Event Log Format"), big-endian, offsets from the start of
 * the buffer RTAS filled:
 *
 *   0   fixed part: version (byte 0), severity, disposition, the
 *       optional-part-present bit (bit 13), initiator, target, type (byte 3)
 *   4   length of the extended log that follows
 *   8   extended log, version 6: byte 0 flags (log valid, big-endian),
 *       byte 2 format (PowerPC format, 14 = Platform Event Log), bytes
 *       12-15 the company, "IBM\0"
 *   24  the Platform Event Log's sections, each opening with a header:
 *       id (two ASCII characters), length (header included), version,
 *       subtype, creator; Main-A ("PH") first, Main-B ("UH") next, then
 *       for a hot-plug event the Hotplug section ("HP"):
 *         8   resource type, 9 action, 10 identifier type,
 *         11  capabilities (bit 0: a 4-byte token ends the section),
 *         12  identifier: a DRC index, a count, or a count then an index
 *
 * Every length is checked against what came before any byte is read, so
 * a log that lies about its size is refused, never followed.
 */
#include <string.h>
#include <uapi/errno.h>
#include <vrm/endian.h>
#include <vrm/fmt.h>
#include <vrm/rtas_event.h>

#define FIXED_LEN		8
#define FIXED_VERSION_6		6
#define FIXED_OPTIONAL_PART	0x00040000	/* bit 13 of the fixed part */
#define FIXED_TYPE_HOTPLUG	229		/* Hot-plug-events */

#define EXT_HEADER_LEN		16
#define EXT_B0_VALID		0x80
#define EXT_B0_BIG_ENDIAN	0x02
#define EXT_B2_POWERPC		0x80
#define EXT_B2_FORMAT		0x0f
#define EXT_FORMAT_PLATFORM	14		/* Platform Event Log */
#define EXT_COMPANY		12

#define SECTION_HEADER_LEN	8
#define SECTION_ID(a, b)	((unsigned int)(a) << 8 | (unsigned int)(b))
#define SECTION_MAIN_A		SECTION_ID('P', 'H')
#define SECTION_HOTPLUG		SECTION_ID('H', 'P')

#define HP_TYPE			8
#define HP_ACTION		9
#define HP_IDENT		10
#define HP_CAPS			11
#define HP_CAP_TOKEN		0x80		/* bit 0 */
#define HP_FIXED_LEN		12		/* up to the identifier */
#define HP_TOKEN_LEN		4

#define HP_IDENT_NAME		1		/* a DRC name: not handled */

static int reject(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int reject(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static unsigned int get_be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

/* A section id as its two characters when they are printable. */
static const char *section_name(unsigned int id, char buf[8])
{
	unsigned char a = id >> 8, b = id & 0xff;

	if (a >= ' ' && a <= '~' && b >= ' ' && b <= '~')
		snprintf(buf, 8, "\"%c%c\"", a, b);
	else
		snprintf(buf, 8, "0x%04x", id);
	return buf;
}

/* The resource types LoPAR and QEMU define that the kernel does not take. */
static const char *other_resource(unsigned int type)
{
	switch (type) {
	case 3: return "slot";
	case 4: return "PHB";
	case 5: return "PCI";
	case 6: return "persistent memory";
	default: return NULL;
	}
}

/* Bytes of the identifier, or 0 for a type this decoder does not know. */
static unsigned int ident_len(unsigned int ident)
{
	switch (ident) {
	case RTAS_HP_BY_INDEX:
	case RTAS_HP_BY_COUNT:
		return 4;
	case RTAS_HP_BY_COUNT_INDEX:
		return 8;
	default:
		return 0;
	}
}

static const char *ident_name(unsigned int ident)
{
	switch (ident) {
	case RTAS_HP_BY_INDEX: return "DRC index";
	case RTAS_HP_BY_COUNT: return "DRC count";
	default: return "DRC count and index";
	}
}

/*
 * The first Hotplug section among the ext_len bytes of the extended log:
 * its start and length, or -EINVAL. Offsets in the reasons count from the
 * start of the buffer, as in the layout above.
 */
static int find_hotplug(const uint8_t *ext, uint32_t ext_len, const uint8_t **section,
			unsigned int *section_len, char *why, size_t size)
{
	uint32_t off = EXT_HEADER_LEN;
	char name[8];

	while (off < ext_len) {
		unsigned int id, len;

		if (ext_len - off < SECTION_HEADER_LEN)
			return reject(why, size, "section header at byte %u runs past the end",
				      FIXED_LEN + off);
		id = get_be16(ext + off);
		len = get_be16(ext + off + 2);
		if (len < SECTION_HEADER_LEN)
			return reject(why, size, "section %s at byte %u has length %u",
				      section_name(id, name), FIXED_LEN + off, len);
		if (len > ext_len - off)
			return reject(why, size,
				      "section %s at byte %u runs past the end (length %u)",
				      section_name(id, name), FIXED_LEN + off, len);
		if (off == EXT_HEADER_LEN && id != SECTION_MAIN_A)
			return reject(why, size, "first section is %s, not Main-A (\"PH\")",
				      section_name(id, name));
		if (id == SECTION_HOTPLUG) {
			*section = ext + off;
			*section_len = len;
			return 0;
		}
		off += len;
	}
	return reject(why, size, "no hot-plug (\"HP\") section");
}

/* The Hotplug section (LoPAR, "Platform Event Log Format, Hotplug Section"). */
static int decode_section(const uint8_t *hp, unsigned int len, struct rtas_hotplug *ev,
			  char *why, size_t size)
{
	unsigned int type, action, ident, need;
	uint32_t count, index;
	const char *other;

	if (len < HP_FIXED_LEN)
		return reject(why, size, "hot-plug section length %u, under its %u fixed bytes",
			      len, HP_FIXED_LEN);
	type = hp[HP_TYPE];
	action = hp[HP_ACTION];
	ident = hp[HP_IDENT];
	other = other_resource(type);
	if (other)
		return reject(why, size, "resource %s (type %u) is not handled", other, type);
	if (type != RTAS_HP_CPU && type != RTAS_HP_MEMORY)
		return reject(why, size, "unknown resource type %u", type);
	if (action != RTAS_HP_ADD && action != RTAS_HP_REMOVE)
		return reject(why, size, "unknown action %u", action);
	if (ident == HP_IDENT_NAME)
		return reject(why, size, "identified by DRC name, which is not handled");
	if (!ident_len(ident))
		return reject(why, size, "unknown identifier type %u", ident);
	need = HP_FIXED_LEN + ident_len(ident) + (hp[HP_CAPS] & HP_CAP_TOKEN ? HP_TOKEN_LEN : 0);
	if (len < need)
		return reject(why, size, "hot-plug section length %u, %u needed for a %s%s",
			      len, need, ident_name(ident),
			      hp[HP_CAPS] & HP_CAP_TOKEN ? " and a token" : "");

	if (ident == RTAS_HP_BY_INDEX) {
		count = 1;
		index = get_be32(hp + HP_FIXED_LEN);
	} else {
		count = get_be32(hp + HP_FIXED_LEN);
		index = ident == RTAS_HP_BY_COUNT_INDEX ? get_be32(hp + HP_FIXED_LEN + 4) : 0;
	}
	if (count == 0)
		return reject(why, size, "count of 0");
	*ev = (struct rtas_hotplug){ type, action, ident, count, index };
	return 0;
}

int rtas_hotplug_decode(const void *buf, size_t len, struct rtas_hotplug *ev,
			char *why, size_t why_size)
{
	const uint8_t *log = buf, *ext, *hp = NULL;
	uint32_t summary, ext_len;
	unsigned int hp_len = 0;
	int err;

	if (len < FIXED_LEN)
		return reject(why, why_size, "truncated: %zu bytes, under the fixed part's %u",
			      len, FIXED_LEN);
	summary = get_be32(log);
	if (log[0] != FIXED_VERSION_6)
		return reject(why, why_size, "version %u, not 6", log[0]);
	if ((summary & 0xff) != FIXED_TYPE_HOTPLUG)
		return reject(why, why_size, "event type %u is not a hot-plug event",
			      summary & 0xff);
	if (!(summary & FIXED_OPTIONAL_PART))
		return reject(why, why_size, "no extended log");
	ext_len = get_be32(log + 4);
	if (ext_len > len - FIXED_LEN)
		return reject(why, why_size, "truncated: extended log of %u bytes, %zu received",
			      ext_len, len - FIXED_LEN);
	if (ext_len < EXT_HEADER_LEN)
		return reject(why, why_size, "extended log of %u bytes, under its %u-byte header",
			      ext_len, EXT_HEADER_LEN);
	ext = log + FIXED_LEN;
	if (!(ext[0] & EXT_B0_VALID))
		return reject(why, why_size, "extended log not marked valid");
	if (!(ext[0] & EXT_B0_BIG_ENDIAN))
		return reject(why, why_size, "extended log not big-endian");
	if (!(ext[2] & EXT_B2_POWERPC) || (ext[2] & EXT_B2_FORMAT) != EXT_FORMAT_PLATFORM)
		return reject(why, why_size, "log format %#x is not a Platform Event Log", ext[2]);
	if (memcmp(ext + EXT_COMPANY, "IBM", 4))
		return reject(why, why_size, "company is not \"IBM\"");
	err = find_hotplug(ext, ext_len, &hp, &hp_len, why, why_size);
	if (err)
		return err;
	return decode_section(hp, hp_len, ev, why, why_size);
}

int rtas_hotplug_describe(const struct rtas_hotplug *ev, char *buf, size_t size)
{
	const char *resource = ev->resource == RTAS_HP_CPU ? "cpu" : "memory";
	const char *action = ev->action == RTAS_HP_ADD ? "add" : "remove";

	switch (ev->ident) {
	case RTAS_HP_BY_INDEX:
		return snprintf(buf, size, "%s %s drc-index 0x%08x", resource, action, ev->index);
	case RTAS_HP_BY_COUNT:
		return snprintf(buf, size, "%s %s count %u", resource, action, ev->count);
	default:
		return snprintf(buf, size, "%s %s count %u from drc-index 0x%08x", resource,
				action, ev->count, ev->index);
	}
}
