// SPDX-License-Identifier: MIT
/* The console as user space's terminal: a character device with a line discipline. */

/*
 * After POSIX's general terminal interface in canonical mode: typed bytes
 * are edited into lines as they arrive, echoed, and handed to readers a
 * line at a time; Ctrl-C, Ctrl-Z and Ctrl-\ signal the foreground process
 * group and discard what was typed. Job control (whose group is in the
 * foreground, who may read) is the tasks' business: kernel/proc/jobctl.c
 * hands its rules over in a struct tty_job_control when the console
 * becomes init's terminal, and this file calls nothing in proc/
 * (docs/tty.md).
 */
#define pr_fmt "tty: "
#include <string.h>
#include <arch/spinlock.h>
#include <arch/time.h>
#include <uapi/signal.h>
#include <uapi/sys/ioctl.h>
#include <vrm/console.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/tty.h>
#include <vrm/uaccess.h>
#include <vrm/wait.h>

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

/* The job-control rules of the console's session, from tty_attach. */
static const struct tty_job_control *jobs;

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

void tty_input(const char *s, size_t n)
{
	unsigned long ee = spin_lock_irqsave(&tty_lock);
	unsigned int was = wr;
	uint64_t raised = 0;	/* bit sig for each signal typed */
	bool lines;

	for (size_t i = 0; i < n; i++) {
		int sig = edit(s[i]);

		if (sig)
			raised |= 1ul << sig;
	}
	lines = wr != was;
	spin_unlock_irqrestore(&tty_lock, ee);
	if (lines) {
		wake_all(&readers);
		fs_poll_wake();
	}
	for (int sig = 1; raised; sig++)
		if (raised & (1ul << sig)) {
			raised &= ~(1ul << sig);
			jobs->signal_foreground(sig);
		}
}

void tty_attach(const struct tty_job_control *jc)
{
	jobs = jc;
	console_set_input(tty_input);
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
 * group after sending it SIGTTIN; -EIO for one that would not stop;
 * -EAGAIN instead of the sleep when nonblock.
 */
static long tty_read(char *buf, size_t n, bool nonblock)
{
	for (;;) {
		long err = jobs->may_read();
		unsigned long ee;

		if (err)
			return err;
		ee = spin_lock_irqsave(&tty_lock);
		if (rd != wr) {
			size_t got = take(buf, n);

			spin_unlock_irqrestore(&tty_lock, ee);
			return (long)got;
		}
		spin_unlock_irqrestore(&tty_lock, ee);
		if (nonblock)
			return -EAGAIN;
		if (jobs->signal_pending())
			return -ERESTART;
		/* A driver without an input interrupt brings input when asked;
		 * the timed sleep keeps asking. */
		console_poll();
		wait_event(&readers, line_ready, NULL, WAIT_INTERRUPTIBLE, mftb() + tb_per_tick);
	}
}

/* The console as a file: descriptors 0, 1 and 2 of init and its heirs. */

static long file_read(struct file *f, char *ubuf, size_t n)
{
	char buf[FILE_IO_CHUNK];
	long got = tty_read(buf, n < sizeof(buf) ? n : sizeof(buf), f->flags & O_NONBLOCK);

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

/* TIOCGPGRP and TIOCSPGRP (<uapi/sys/ioctl.h>): tcsetpgrp's id must be one
 * a group can have. */
static long file_ioctl_check(unsigned int request, const void *arg)
{
	switch (request) {
	case TIOCGPGRP:
		return 0;
	case TIOCSPGRP:
		return *(const pid_t *)arg > 0 ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

/* tcgetpgrp gives ENOTTY unless the console is the caller's terminal;
 * tcsetpgrp job control's answer. */
static long file_ioctl(struct file *f, unsigned int request, void *arg)
{
	if (request == TIOCGPGRP)
		return jobs->get_foreground(arg);
	return jobs->set_foreground(*(const pid_t *)arg);
}

static void file_stat(const struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
}

/* Readable with a complete line or an end of file; output never waits. */
static unsigned int file_poll(struct file *f)
{
	unsigned long ee;
	bool ready;

	console_poll();
	ee = spin_lock_irqsave(&tty_lock);
	ready = rd != wr;
	spin_unlock_irqrestore(&tty_lock, ee);
	return ready ? POLL_IN | POLL_OUT : POLL_OUT;
}

static const struct file_ops tty_ops = {
	.read = file_read, .write = file_write, .ioctl_check = file_ioctl_check,
	.ioctl = file_ioctl, .stat = file_stat, .poll = file_poll,
};

/* Never freed: this reference is the console's own. */
static struct file console_file = { .refs = 1, .ops = &tty_ops, .flags = O_RDWR };

struct file *tty_console_file(void)
{
	file_get(&console_file);
	return &console_file;
}
