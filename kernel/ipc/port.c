// SPDX-License-Identifier: MIT
/* IPC ports: synchronous send, receive and reply between tasks. */

/*
 * A sender's message is copied into the kernel and queued on the port;
 * the sender sleeps until the owner replies, the timeout passes, a signal
 * comes or the port goes. The message block and its data live on the
 * sender's kernel stack (the data in its system call's arguments), so the
 * block is always unlinked under port_lock before the sender returns; the
 * receiver copies the message out of it, and the reply goes into the same
 * data, which the message no longer needs. No call but port_create
 * allocates.
 *
 * ipc/ stands above proc/: it asks proc/ for the calling task and its
 * signals, and proc/ reaches it only through the struct proc_client that
 * ports_init registers (the port calls, a task's end, kcount).
 */
#define pr_fmt "port: "
#include <string.h>
#include <arch/time.h>
#include <uapi/sys/kcount.h>
#include <uapi/sys/port.h>
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/port.h>
#include <vrm/proc_client.h>
#include <vrm/task.h>
#include <vrm/uaccess.h>
#include <vrm/wait.h>

enum msg_state { MSG_QUEUED, MSG_RECEIVED, MSG_REPLIED, MSG_ABORTED };

struct msg {
	long id;
	pid_t sender;
	char *data;			/* PORT_MSG_MAX bytes of the sender's */
	size_t len;
	size_t reply_len;		/* the reply, in data once MSG_REPLIED */
	volatile enum msg_state state;
	struct port *port;
	struct msg *next;
	struct wait_queue ended;	/* the sender waits for the reply here */
};

struct port {
	int id;
	struct task *owner;
	unsigned int flags;
	pid_t granted[PORT_GRANTS];
	unsigned int ngranted;
	struct msg *head, *tail;	/* queued */
	struct msg *received;		/* waiting for a reply */
	struct port *next;
	struct wait_queue arrivals;	/* the owner waits for messages here */
};

static spinlock_t port_lock = SPINLOCK_INIT;
static struct port *ports;
static unsigned int nr_ports;
static int next_port_id = 1;
static long next_msg_id = 1;

static struct port *port_find(long id)
{
	for (struct port *p = ports; p; p = p->next)
		if (p->id == id)
			return p;
	return NULL;
}

static bool granted(const struct port *p, pid_t pid)
{
	for (unsigned int i = 0; i < p->ngranted; i++)
		if (p->granted[i] == pid)
			return true;
	return false;
}

static bool may_send(const struct port *p, const struct task *t)
{
	return p->owner == t || (p->flags & PORT_PUBLIC) || granted(p, t->pid);
}

static void unlink_msg(struct msg **list, struct msg *m, struct msg **tail)
{
	struct msg *prev = NULL;

	for (struct msg **link = list; *link; prev = *link, link = &(*link)->next)
		if (*link == m) {
			*link = m->next;
			if (tail && *tail == m)
				*tail = prev;
			return;
		}
}

/* A timeout in milliseconds as a timebase deadline; 0 for none. */
static uint64_t deadline_of(long timeout_ms)
{
	if (timeout_ms < 0)
		return 0;
	return mftb() + (uint64_t)timeout_ms * (tb_freq / 1000) + 1;
}

/* How many ports t owns; port_lock held. */
static unsigned int ports_owned(const struct task *t)
{
	unsigned int n = 0;

	for (const struct port *p = ports; p; p = p->next)
		n += p->owner == t;
	return n;
}

/* ENOSPC when t owns as many ports as it may; port_lock held. */
static long port_room(const struct task *t)
{
	/* A bound per task keeps one task from taking the kernel heap. */
	return ports_owned(t) >= PORT_MAX ? -ENOSPC : 0;
}

struct port_create_args {
	unsigned int flags;
};

SYSCALL(port_create, struct port_create_args)

static long port_create_decode(const unsigned long *a, struct port_create_args *args)
{
	unsigned long ee;
	long err;

	if (a[0] & ~(unsigned long)PORT_PUBLIC)
		return -EINVAL;
	args->flags = (unsigned int)a[0];
	ee = spin_lock_irqsave(&port_lock);
	err = port_room(current_task());
	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

static long port_create_invoke(struct port_create_args *args)
{
	struct port *p = kzalloc(sizeof(*p));
	unsigned long ee;
	long err;

	if (!p)
		return -ENOMEM;
	p->owner = current_task();
	p->flags = args->flags;
	ee = spin_lock_irqsave(&port_lock);
	err = port_room(p->owner);
	if (err) {
		spin_unlock_irqrestore(&port_lock, ee);
		kfree(p);
		return err;
	}
	p->id = next_port_id++;
	p->next = ports;
	ports = p;
	nr_ports++;
	spin_unlock_irqrestore(&port_lock, ee);
	return p->id;
}

static void count_ports(struct kcount *k)
{
	k->ports = nr_ports;
}

/* Ends every message of the port; port_lock held. */
static void abort_all(struct port *p)
{
	struct msg *lists[2] = { p->head, p->received };

	p->head = p->tail = p->received = NULL;
	for (int i = 0; i < 2; i++)
		for (struct msg *m = lists[i], *next; m; m = next) {
			next = m->next;
			m->state = MSG_ABORTED;
			wake_all(&m->ended);
		}
}

static void port_remove(struct port *p)
{
	for (struct port **link = &ports; *link; link = &(*link)->next)
		if (*link == p) {
			*link = p->next;
			nr_ports--;
			break;
		}
	abort_all(p);
	/* A receiver in another thread of the owner looks again, and finds
	 * the port gone. */
	wake_all(&p->arrivals);
	kfree(p);
}

/* The caller's own port `id`: 0, -EINVAL (none), -EACCES (another's).
 * port_lock held. */
static long owned_port(long id, struct port **p)
{
	*p = port_find(id);
	if (!*p)
		return -EINVAL;
	return (*p)->owner == current_task() ? 0 : -EACCES;
}

/* A port its caller owns (port_destroy's, port_grant's, port_receive's),
 * and for port_grant the task to grant. */
struct port_args {
	long id;
	pid_t pid;
};

/* owned_port for decode, which only looks. */
static long owned_port_decode(long id)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err = owned_port(id, &p);

	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

SYSCALL(port_destroy, struct port_args)

static long port_destroy_decode(const unsigned long *a, struct port_args *args)
{
	*args = (struct port_args){ (long)a[0], 0 };
	return owned_port_decode(args->id);
}

static long port_destroy_invoke(struct port_args *args)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err = owned_port(args->id, &p);

	if (!err)
		port_remove(p);
	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

/* The task's ports go, their senders see EPIPE. */
static void ports_release(struct task *t)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);

	for (struct port *p = ports, *next; p; p = next) {
		next = p->next;
		if (p->owner == t)
			port_remove(p);
	}
	spin_unlock_irqrestore(&port_lock, ee);
}

/* The caller's port id, with room to grant pid the right to send (a task
 * granted twice holds one slot): 0, -EINVAL, -EACCES, -ENOSPC. port_lock
 * held. */
static long grantable(const struct port_args *g, struct port **p)
{
	long err = owned_port(g->id, p);

	if (err)
		return err;
	return granted(*p, g->pid) || (*p)->ngranted < PORT_GRANTS ? 0 : -ENOSPC;
}

SYSCALL(port_grant, struct port_args)

static long port_grant_decode(const unsigned long *a, struct port_args *args)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err;

	*args = (struct port_args){ (long)a[0], (pid_t)a[1] };
	err = grantable(args, &p);
	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

static long port_grant_invoke(struct port_args *args)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err = grantable(args, &p);

	if (!err && !granted(p, args->pid))
		p->granted[p->ngranted++] = args->pid;
	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

static bool msg_done(void *arg)
{
	struct msg *m = arg;

	return m->state == MSG_REPLIED || m->state == MSG_ABORTED;
}

/* The port id the caller may send to: 0, -EINVAL, -EACCES. port_lock held. */
static long sendable(long id, const struct task *t, struct port **p)
{
	*p = port_find(id);
	if (!*p)
		return -EINVAL;
	return may_send(*p, t) ? 0 : -EACCES;
}

struct port_send_args {
	long port;
	struct port_msg um;
	char data[PORT_MSG_MAX];	/* the message, then the reply */
};

SYSCALL(port_send, struct port_send_args)

static long port_send_decode(const unsigned long *a, struct port_send_args *args)
{
	struct port_msg *um = &args->um;
	unsigned long ee;
	struct port *p;
	long err;

	if (copyin(um, (void *)a[1], sizeof(*um)))
		return -EFAULT;
	if (um->len > PORT_MSG_MAX || um->size > PORT_MSG_MAX)
		return -EINVAL;
	/* The reply's room must take it: the owner sees the message before it. */
	if (!user_writable(um->buf, um->size))
		return -EFAULT;
	if (copyin(args->data, um->data, um->len))
		return -EFAULT;
	args->port = (long)a[0];
	ee = spin_lock_irqsave(&port_lock);
	err = sendable(args->port, current_task(), &p);
	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

static long port_send_invoke(struct port_send_args *args)
{
	struct task *me = current_task();
	struct msg m = { .sender = me->pid, .data = args->data, .len = args->um.len };
	uint64_t deadline = deadline_of(args->um.timeout_ms);
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err = sendable(args->port, me, &p);

	if (!err) {
		m.id = next_msg_id++;
		m.port = p;
		if (p->tail)
			p->tail->next = &m;
		else
			p->head = &m;
		p->tail = &m;
		wake_all(&p->arrivals);
	}
	spin_unlock_irqrestore(&port_lock, ee);
	while (!err && !msg_done(&m)) {
		if (deadline && mftb() >= deadline)
			err = -ETIMEDOUT;
		else if (signal_pending())
			err = -EINTR;
		else
			wait_event(&m.ended, msg_done, &m, WAIT_INTERRUPTIBLE, deadline);
	}
	ee = spin_lock_irqsave(&port_lock);
	/* m.port stays NULL when the message was never queued. */
	if (m.port && m.state == MSG_QUEUED)
		unlink_msg(&m.port->head, &m, &m.port->tail);
	else if (m.port && m.state == MSG_RECEIVED)
		unlink_msg(&m.port->received, &m, NULL);
	else if (m.state == MSG_ABORTED && !err)
		err = -EPIPE;
	spin_unlock_irqrestore(&port_lock, ee);
	if (m.state == MSG_REPLIED && !err) {
		size_t n = m.reply_len < args->um.size ? m.reply_len : args->um.size;

		err = copyout(args->um.buf, args->data, n);
		if (!err)
			err = (long)m.reply_len;
	}
	return err;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

struct port_receive_args {
	long port;
	struct port_msg um;
	struct port_msg *uum;		/* where um goes back, filled */
	char data[PORT_MSG_MAX];	/* the message lands here */
};

SYSCALL(port_receive, struct port_receive_args)

static long port_receive_decode(const unsigned long *a, struct port_receive_args *args)
{
	args->uum = (struct port_msg *)a[1];
	if (copyin(&args->um, args->uum, sizeof(args->um)))
		return -EFAULT;
	/* Both must take what they will hold before a message is taken. */
	if (!user_writable(args->um.buf, args->um.size) ||
	    !user_writable(args->uum, sizeof(*args->uum)))
		return -EFAULT;
	args->port = (long)a[0];
	return owned_port_decode(args->port);
}

static long port_receive_invoke(struct port_receive_args *args)
{
	struct port_msg *um = &args->um;
	uint64_t deadline = deadline_of(um->timeout_ms);
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct msg *m = NULL;
	struct port *p;
	long err;

	for (;;) {
		err = owned_port(args->port, &p);
		if (err)
			break;
		if (p->head) {
			m = p->head;
			p->head = m->next;
			if (!p->head)
				p->tail = NULL;
			m->state = MSG_RECEIVED;
			m->next = p->received;
			p->received = m;
			break;
		}
		if (um->timeout_ms == 0 || (deadline && mftb() >= deadline)) {
			err = -ETIMEDOUT;
			break;
		}
		if (signal_pending()) {
			err = -EINTR;
			break;
		}
		/* One wake, then everything again: the port may be gone. */
		wait_event_locked(&p->arrivals, &port_lock, NULL, NULL, WAIT_INTERRUPTIBLE,
				  deadline);
	}
	if (err) {
		spin_unlock_irqrestore(&port_lock, ee);
		return err;
	}
	/* The block is the sender's and may go once the lock is dropped. */
	um->msgid = m->id;
	um->sender = m->sender;
	um->len = m->len;
	memcpy(args->data, m->data, min_size(m->len, um->size));
	spin_unlock_irqrestore(&port_lock, ee);
	err = copyout(um->buf, args->data, min_size(um->len, um->size));
	if (!err)
		err = copyout(args->uum, um, sizeof(*um));
	return err ? err : (long)um->len;
}

/* The message id, received by one of the caller's ports and not yet
 * replied to; port_lock held. */
static struct msg *received(long id, struct port **port)
{
	const struct task *me = current_task();

	for (struct port *p = ports; p; p = p->next) {
		if (p->owner != me)
			continue;
		for (struct msg *m = p->received; m; m = m->next)
			if (m->id == id) {
				*port = p;
				return m;
			}
	}
	return NULL;
}

struct port_reply_args {
	long msgid;
	size_t len;
	char data[PORT_MSG_MAX];
};

SYSCALL(port_reply, struct port_reply_args)

static long port_reply_decode(const unsigned long *a, struct port_reply_args *args)
{
	unsigned long ee;
	struct port *p;
	bool known;

	args->msgid = (long)a[0];
	args->len = a[2];
	if (args->len > PORT_MSG_MAX)
		return -EINVAL;
	if (copyin(args->data, (void *)a[1], args->len))
		return -EFAULT;
	ee = spin_lock_irqsave(&port_lock);
	known = received(args->msgid, &p) != NULL;
	spin_unlock_irqrestore(&port_lock, ee);
	return known ? 0 : -EINVAL;
}

/* The reply goes into the sender's data, which holds PORT_MSG_MAX bytes. */
static long port_reply_invoke(struct port_reply_args *args)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	struct msg *m = received(args->msgid, &p);

	if (m) {
		unlink_msg(&p->received, m, NULL);
		memcpy(m->data, args->data, args->len);
		m->reply_len = args->len;
		m->state = MSG_REPLIED;
		wake_all(&m->ended);
	}
	spin_unlock_irqrestore(&port_lock, ee);
	return m ? 0 : -EINVAL;
}

static const struct syscall_entry port_calls[] = {
	SYSCALL_ENTRY(SYS_port_create, port_create),
	SYSCALL_ENTRY(SYS_port_destroy, port_destroy),
	SYSCALL_ENTRY(SYS_port_grant, port_grant),
	SYSCALL_ENTRY(SYS_port_send, port_send),
	SYSCALL_ENTRY(SYS_port_receive, port_receive),
	SYSCALL_ENTRY(SYS_port_reply, port_reply),
};

void ports_init(void)
{
	static struct proc_client ports_client = {
		.calls = port_calls, .ncalls = ARRAY_SIZE(port_calls),
		.task_exit = ports_release, .count = count_ports,
	};

	proc_client_register(&ports_client);
}
