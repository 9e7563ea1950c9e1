/* SPDX-License-Identifier: MIT */
/* IPC ports: synchronous send, receive and reply with timeouts. */
#ifndef _SYS_PORT_H
#define _SYS_PORT_H

#include <stddef.h>
#include <uapi/sys/port.h>

/* A new port owned by the caller (flags: PORT_PUBLIC), or -1. */
int port_create(int flags);
int port_destroy(int port);
/* Lets pid send to a port the caller owns. */
int port_grant(int port, pid_t pid);

/*
 * Sends len bytes and waits for the reply, which is stored in reply (at
 * most size bytes); returns the reply's length. timeout_ms is
 * PORT_WAIT_FOREVER, 0 or milliseconds (then ETIMEDOUT).
 */
long port_send(int port, const void *msg, size_t len, void *reply, size_t size,
	       long timeout_ms);
/*
 * Waits for a message on a port the caller owns and stores it in buf;
 * returns its length, and the id to reply to and the sender when msgid
 * and sender are not NULL.
 */
long port_receive(int port, void *buf, size_t size, long *msgid, pid_t *sender,
		  long timeout_ms);
/* Answers message msgid, releasing its sender. */
int port_reply(long msgid, const void *data, size_t len);

#endif /* _SYS_PORT_H */
