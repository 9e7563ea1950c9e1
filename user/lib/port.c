/* SPDX-License-Identifier: MIT */
/* IPC port calls: the argument block of send and receive is built here. */

#include <sys/port.h>

#include "sys.h"

int port_create(int flags)
{
	return sys1(SYS_port_create, flags);
}

int port_destroy(int port)
{
	return sys1(SYS_port_destroy, port);
}

int port_grant(int port, pid_t pid)
{
	return sys2(SYS_port_grant, port, pid);
}

long port_send(int port, const void *msg, size_t len, void *reply, size_t size,
	       long timeout_ms)
{
	struct port_msg m = {
		.data = msg, .len = len, .buf = reply, .size = size,
		.timeout_ms = timeout_ms,
	};

	return sys2(SYS_port_send, port, &m);
}

long port_receive(int port, void *buf, size_t size, long *msgid, pid_t *sender,
		  long timeout_ms)
{
	struct port_msg m = { .buf = buf, .size = size, .timeout_ms = timeout_ms };
	long r = sys2(SYS_port_receive, port, &m);

	if (r >= 0) {
		if (msgid)
			*msgid = m.msgid;
		if (sender)
			*sender = m.sender;
	}
	return r;
}

int port_reply(long msgid, const void *data, size_t len)
{
	return sys3(SYS_port_reply, msgid, data, len);
}
