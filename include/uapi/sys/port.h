/* SPDX-License-Identifier: MIT */
/*
 * IPC ports: synchronous message passing. A port belongs to the task that
 * created it, which alone receives from it and replies; other tasks send
 * when the port is public or the owner granted them the right. A send
 * blocks until the reply (or the timeout) and returns the reply's length.
 */
#ifndef _UAPI_SYS_PORT_H
#define _UAPI_SYS_PORT_H

#include <uapi/sys/types.h>

#define PORT_PUBLIC	0x1	/* any task may send */
#define PORT_MSG_MAX	4096	/* bytes in one message or reply */
#define PORT_MAX	64	/* ports one task may own (ENOSPC beyond) */
#define PORT_GRANTS	16	/* tasks one port may grant (ENOSPC beyond) */
#define PORT_WAIT_FOREVER	(-1L)

struct port_msg {
	long msgid;		/* receive: fills it; reply names it */
	pid_t sender;		/* receive: the sending task */
	const void *data;	/* send: the message */
	size_t len;		/* its length */
	void *buf;		/* send: room for the reply; receive: for the message */
	size_t size;		/* room in buf */
	long timeout_ms;	/* PORT_WAIT_FOREVER, 0 (poll) or milliseconds */
};
#endif
