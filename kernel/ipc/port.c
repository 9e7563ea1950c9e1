// SPDX-License-Identifier: MIT
/* IPC ports: synchronous send, receive and reply between tasks. */

/*
 * A sender's message is copied into the kernel and queued on the port;
 * the sender sleeps until the owner replies, the timeout passes, a signal
 * comes or the port goes. The message block lives on the sender's kernel
 * stack, so it is always unlinked under port_lock before the sender
 * returns.
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
	void *data;
	size_t len;
	void *reply;
	size_t reply_len;
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

static long sys_port_create(const unsigned long *a)
{
	struct port *p;
	unsigned long ee;

	if (a[0] & ~(unsigned long)PORT_PUBLIC)
		return -EINVAL;
	p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->owner = current_task();
	p->flags = (unsigned int)a[0];
	ee = spin_lock_irqsave(&port_lock);
	/* A bound per task keeps one task from taking the kernel heap. */
	if (ports_owned(p->owner) >= PORT_MAX) {
		spin_unlock_irqrestore(&port_lock, ee);
		kfree(p);
		return -ENOSPC;
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

static long sys_port_destroy(const unsigned long *a)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err = owned_port((long)a[0], &p);

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

static long sys_port_grant(const unsigned long *a)
{
	unsigned long ee = spin_lock_irqsave(&port_lock);
	struct port *p;
	long err = owned_port((long)a[0], &p);

	/* A task granted twice holds one slot. */
	if (!err && granted(p, (pid_t)a[1]))
		err = 0;
	else if (!err && p->ngranted == PORT_GRANTS)
		err = -ENOSPC;
	else if (!err)
		p->granted[p->ngranted++] = (pid_t)a[1];
	spin_unlock_irqrestore(&port_lock, ee);
	return err;
}

static bool msg_done(void *arg)
{
	struct msg *m = arg;

	return m->state == MSG_REPLIED || m->state == MSG_ABORTED;
}

static long sys_port_send(const unsigned long *a)
{
	struct task *me = current_task();
	struct port_msg um;
	struct msg m = { .sender = me->pid };
	uint64_t deadline;
	unsigned long ee;
	struct port *p;
	long err;

	if (copyin(&um, (void *)a[1], sizeof(um)))
		return -EFAULT;
	if (um.len > PORT_MSG_MAX || um.size > PORT_MSG_MAX)
		return -EINVAL;
	if (!user_range_ok(um.buf, um.size))
		return -EFAULT;
	m.data = kmalloc(um.len ? um.len : 1);
	if (!m.data)
		return -ENOMEM;
	m.len = um.len;
	if (copyin(m.data, um.data, um.len)) {
		kfree(m.data);
		return -EFAULT;
	}
	deadline = deadline_of(um.timeout_ms);
	ee = spin_lock_irqsave(&port_lock);
	p = port_find((long)a[0]);
	err = !p ? -EINVAL : !may_send(p, me) ? -EACCES : 0;
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
	kfree(m.data);
	if (m.state == MSG_REPLIED && !err) {
		size_t n = m.reply_len < um.size ? m.reply_len : um.size;

		err = copyout(um.buf, m.reply, n);
		if (!err)
			err = (long)m.reply_len;
	}
	kfree(m.reply);
	return err;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

static long sys_port_receive(const unsigned long *a)
{
	struct task *me = current_task();
	struct port_msg um;
	struct msg *m = NULL;
	uint64_t deadline;
	unsigned long ee;
	struct port *p;
	char *copy;
	long err = 0;

	if (copyin(&um, (void *)a[1], sizeof(um)))
		return -EFAULT;
	if (!user_range_ok(um.buf, um.size))
		return -EFAULT;
	copy = kmalloc(PORT_MSG_MAX);
	if (!copy)
		return -ENOMEM;
	deadline = deadline_of(um.timeout_ms);
	ee = spin_lock_irqsave(&port_lock);
	for (;;) {
		p = port_find((long)a[0]);
		if (!p) {
			err = -EINVAL;
			break;
		}
		if (p->owner != me) {
			err = -EACCES;
			break;
		}
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
		if (um.timeout_ms == 0 || (deadline && mftb() >= deadline)) {
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
		kfree(copy);
		return err;
	}
	/* The block is the sender's and may go once the lock is dropped. */
	um.msgid = m->id;
	um.sender = m->sender;
	um.len = m->len;
	memcpy(copy, m->data, min_size(m->len, um.size));
	spin_unlock_irqrestore(&port_lock, ee);
	err = copyout(um.buf, copy, min_size(um.len, um.size));
	kfree(copy);
	if (!err)
		err = copyout((void *)a[1], &um, sizeof(um));
	return err ? err : (long)um.len;
}

static long sys_port_reply(const unsigned long *a)
{
	struct task *me = current_task();
	size_t len = a[2];
	void *reply;
	unsigned long ee;
	long err = -EINVAL;

	if (len > PORT_MSG_MAX)
		return -EINVAL;
	reply = kmalloc(len ? len : 1);
	if (!reply)
		return -ENOMEM;
	if (copyin(reply, (void *)a[1], len)) {
		kfree(reply);
		return -EFAULT;
	}
	ee = spin_lock_irqsave(&port_lock);
	for (struct port *p = ports; p && err; p = p->next) {
		if (p->owner != me)
			continue;
		for (struct msg *m = p->received; m; m = m->next)
			if (m->id == (long)a[0]) {
				unlink_msg(&p->received, m, NULL);
				m->reply = reply;
				m->reply_len = len;
				m->state = MSG_REPLIED;
				wake_all(&m->ended);
				err = 0;
				break;
			}
	}
	spin_unlock_irqrestore(&port_lock, ee);
	if (err)
		kfree(reply);
	return err;
}

static const struct syscall_entry port_calls[] = {
	{ SYS_port_create, "port_create", .whole = sys_port_create },
	{ SYS_port_destroy, "port_destroy", .whole = sys_port_destroy },
	{ SYS_port_grant, "port_grant", .whole = sys_port_grant },
	{ SYS_port_send, "port_send", .whole = sys_port_send },
	{ SYS_port_receive, "port_receive", .whole = sys_port_receive },
	{ SYS_port_reply, "port_reply", .whole = sys_port_reply },
};

void ports_init(void)
{
	static struct proc_client ports_client = {
		.calls = port_calls, .ncalls = ARRAY_SIZE(port_calls),
		.task_exit = ports_release, .count = count_ports,
	};

	proc_client_register(&ports_client);
}
