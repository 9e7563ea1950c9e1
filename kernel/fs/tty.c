// SPDX-License-Identifier: MIT
/*
 * The console as user space's terminal, after POSIX's general terminal
 * interface in canonical mode: typed bytes are edited into lines as they
 * arrive, echoed, and handed to readers a line at a time; Ctrl-C, Ctrl-Z
 * and Ctrl-\ signal the foreground process group and discard what was
 * typed. The console belongs to init's session; a process of another
 * group of it that reads is stopped with SIGTTIN, one that sets the
 * foreground group with SIGTTOU (docs/tty.md).
 */
#define pr_fmt "tty: "
#include <string.h>
#include <arch/spinlock.h>
#include <arch/time.h>
#include <uapi/sys/ioctl.h>
#include <vrm/console.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/tty.h>
#include <vrm/uaccess.h>
#include <vrm/wait.h>
#include "../proc/task_impl.h"

#define TTY_BUF		4096	/* input not yet read: whole lines and the one being typed */

/* The special characters, stty's defaults. */
#define CTRL(c)		((c) & 0x1f)
#define C_INTR		CTRL('C')
#define C_QUIT		CTRL('\\')
#define C_SUSP		CTRL('Z')
#define C_EOF		CTRL('D')
#define C_KILL		CTRL('U')
#define C_ERASE		0x7f
#define C_ERASE2	CTRL('H')

/*
 * Input in one ring: [rd, wr) are complete lines a reader may take, [wr,
 * ed) the line being typed. An end of file is kept in the ring as C_EOF:
 * it ends a read and is not handed out itself. Under tty_lock, taken
 * with interrupts off (input comes from the driver's interrupt).
 */
static char ring[TTY_BUF];
static unsigned int rd, wr, ed;
static spinlock_t tty_lock = SPINLOCK_INIT;
static struct wait_queue readers = WAIT_QUEUE_INIT;	/* a line is complete */

/* The console's session and its foreground group; under task_lock. */
static pid_t session, foreground;

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

static void put(char c)
{
	ring[ed++ % TTY_BUF] = c;
}

/* Takes back the last character of the line being typed; tty_lock held. */
static bool erase(void)
{
	if (ed == wr)
		return false;
	ed--;
	echo("\b \b", 3);
	return true;
}

/*
 * Acts on one typed byte; tty_lock held. Returns the signal it raises, or
 * 0. A line holds at most MAX_CANON bytes with its end: further
 * characters are not taken, and the bell sounds instead of their echo.
 */
static int edit(char c)
{
	switch (c) {
	case C_INTR:
	case C_QUIT:
	case C_SUSP:
		/* What was typed and not yet read goes, as on any terminal. */
		wr = ed = rd;
		echo(c == C_INTR ? "^C" : c == C_QUIT ? "^\\" : "^Z", 2);
		return c == C_INTR ? SIGINT : c == C_QUIT ? SIGQUIT : SIGTSTP;
	case C_ERASE:
	case C_ERASE2:
		erase();
		return 0;
	case C_KILL:
		while (erase())
			;
		return 0;
	case '\r':
	case '\n':
	case C_EOF:
		if (ed - rd >= TTY_BUF) {
			echo("\a", 1);
			return 0;
		}
		put(c == C_EOF ? C_EOF : '\n');
		if (c != C_EOF)
			echo("\n", 1);
		wr = ed;
		return 0;
	default:
		/* Other control characters mean nothing here. */
		if ((unsigned char)c < ' ')
			return 0;
		/* One place stays free for the line's end. */
		if (ed - wr >= MAX_CANON - 1 || ed - rd >= TTY_BUF - 1) {
			echo("\a", 1);
			return 0;
		}
		put(c);
		echo(&c, 1);
		return 0;
	}
}

static void signal_foreground(int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };
	unsigned long ee = spin_lock_irqsave(&task_lock);

	signal_send_pgrp_locked(foreground, sig, &info);
	spin_unlock_irqrestore(&task_lock, ee);
}

void tty_input(const char *s, size_t n)
{
	unsigned long ee = spin_lock_irqsave(&tty_lock);
	unsigned int was = wr;
	uint64_t raised = 0;
	bool lines;

	for (size_t i = 0; i < n; i++) {
		int sig = edit(s[i]);

		if (sig)
			raised |= sigbit(sig);
	}
	lines = wr != was;
	spin_unlock_irqrestore(&tty_lock, ee);
	if (lines)
		wake_all(&readers);
	for (int sig = 1; raised; sig++)
		if (raised & sigbit(sig)) {
			raised &= ~sigbit(sig);
			signal_foreground(sig);
		}
}

void tty_attach(pid_t sid, pid_t pgrp)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);

	session = sid;
	foreground = pgrp;
	spin_unlock_irqrestore(&task_lock, ee);
	console_set_input(tty_input);
}

/*
 * Job control for a caller u of the console's session outside its
 * foreground group (POSIX 11.1.4): 0 if it may go on; else its group gets
 * sig and the call runs again once continued (-ERESTART), or -EIO when
 * it would not stop: SIGTTIN blocked or ignored, or an orphaned group.
 * SIGTTOU blocked or ignored lets the call go on. task_lock held.
 */
static long background(struct uthread *u, int sig)
{
	struct task *t = u->task;
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };

	if (t->sid != session || t->pgid == foreground)
		return 0;
	if (signal_refused(u, sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(t->pgid))
		return -EIO;
	signal_send_pgrp_locked(t->pgid, sig, &info);
	return -ERESTART;
}

static bool line_ready(void *arg)
{
	(void)arg;
	return rd != wr;
}

/* Moves up to n bytes of the next line out of the ring; tty_lock held. */
static size_t take(char *buf, size_t n)
{
	size_t got = 0;

	while (got < n && rd != wr) {
		char c = ring[rd++ % TTY_BUF];

		/* An end of file gives what the line has so far, or 0. */
		if (c == C_EOF)
			break;
		buf[got++] = c;
		if (c == '\n')
			break;
	}
	return got;
}

/*
 * A task's read: up to n bytes of the next typed line, its newline
 * included; the rest of the line is left for the next read. 0 for an end
 * of file (Ctrl-D) at the start of a line. Sleeps until a line is there;
 * -ERESTART when a signal comes first, and for a reader in a background
 * group after sending it SIGTTIN; -EIO for one that would not stop.
 */
static long tty_read(char *buf, size_t n)
{
	for (;;) {
		unsigned long ee = spin_lock_irqsave(&task_lock);
		long err = background(current_uthread(), SIGTTIN);

		spin_unlock_irqrestore(&task_lock, ee);
		if (err)
			return err;
		ee = spin_lock_irqsave(&tty_lock);
		if (rd != wr) {
			size_t got = take(buf, n);

			spin_unlock_irqrestore(&tty_lock, ee);
			return (long)got;
		}
		spin_unlock_irqrestore(&tty_lock, ee);
		if (signal_pending())
			return -ERESTART;
		/* A driver without an input interrupt brings input when asked;
		 * the timed sleep keeps asking. */
		console_poll();
		wait_event(&readers, line_ready, NULL, WAIT_INTERRUPTIBLE, mftb() + tb_per_tick);
	}
}

/* tcgetpgrp: ENOTTY unless the console is the caller's terminal. */
static long get_foreground(pid_t *upgrp)
{
	struct task *me = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	pid_t pgrp = foreground;
	bool mine = me->sid == session;

	spin_unlock_irqrestore(&task_lock, ee);
	if (!mine)
		return -ENOTTY;
	return copyout(upgrp, &pgrp, sizeof(pgrp));
}

/*
 * tcsetpgrp: EINVAL for an id no group can have, ENOTTY unless the
 * console is the caller's terminal, job control for a caller in the
 * background, EPERM for a group that is not in the console's session.
 */
static long set_foreground(const pid_t *upgrp)
{
	struct uthread *u = current_uthread();
	unsigned long ee;
	pid_t pgrp;
	long err;

	if (copyin(&pgrp, upgrp, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp <= 0)
		return -EINVAL;
	ee = spin_lock_irqsave(&task_lock);
	if (u->task->sid != session)
		err = -ENOTTY;
	else if ((err = background(u, SIGTTOU)) != 0)
		;
	else if (!pgrp_in_session(pgrp, session))
		err = -EPERM;
	else
		foreground = pgrp;
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

/* The console as a file: descriptors 0, 1 and 2 of init and its heirs. */

static long file_read(struct file *f, char *ubuf, size_t n)
{
	char buf[FILE_IO_CHUNK];
	long got = tty_read(buf, n < sizeof(buf) ? n : sizeof(buf));

	if (got > 0 && copyout(ubuf, buf, (size_t)got))
		return -EFAULT;
	return got;
}

static long file_write(struct file *f, const char *ubuf, size_t n)
{
	char buf[FILE_IO_CHUNK];
	size_t done = 0;

	while (done < n) {
		size_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);

		if (copyin(buf, ubuf + done, chunk))
			return done ? (long)done : -EFAULT;
		console_write(buf, chunk);
		done += chunk;
	}
	return (long)n;
}

/* TIOCGPGRP and TIOCSPGRP (<uapi/sys/ioctl.h>) with a task pointer. */
static long file_ioctl(struct file *f, unsigned int request, unsigned long arg)
{
	switch (request) {
	case TIOCGPGRP:
		return get_foreground((pid_t *)arg);
	case TIOCSPGRP:
		return set_foreground((const pid_t *)arg);
	default:
		return -EINVAL;
	}
}

static void file_stat(const struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
}

static const struct file_ops tty_ops = {
	.read = file_read, .write = file_write, .ioctl = file_ioctl, .stat = file_stat,
};

/* Never freed: this reference is the console's own. */
static struct file console_file = { .refs = 1, .ops = &tty_ops, .flags = O_RDWR };

struct file *tty_console_file(void)
{
	file_get(&console_file);
	return &console_file;
}
