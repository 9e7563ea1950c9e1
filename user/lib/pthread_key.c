/* SPDX-License-Identifier: MIT */
/* Thread-specific data: keys, each thread's values, destructors at exit. */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>

#include "tcb.h"

/* Under the thread list's lock. */
static struct {
	bool used;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	int err = EAGAIN;

	__threads_lock();
	for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (keys[k].used)
			continue;
		keys[k].used = true;
		keys[k].destructor = destructor;
		/* A key used before and deleted starts at NULL everywhere. */
		for (struct __tcb *t = __threads_first(); t; t = t->next)
			t->specific[k] = NULL;
		*key = k;
		err = 0;
		break;
	}
	__threads_unlock();
	return err;
}

/* No destructor runs: the values are the application's to free. */
int pthread_key_delete(pthread_key_t key)
{
	int err = 0;

	__threads_lock();
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		err = EINVAL;
	else
		keys[key].used = false;
	__threads_unlock();
	return err;
}

void *pthread_getspecific(pthread_key_t key)
{
	return key < PTHREAD_KEYS_MAX ? (void *)__tcb_self()->specific[key] : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	__tcb_self()->specific[key] = value;
	return 0;
}

/*
 * Each key's value that is not NULL is set to NULL and handed to its
 * destructor; a destructor may set values again, so the pass repeats,
 * up to PTHREAD_DESTRUCTOR_ITERATIONS times.
 */
void __run_key_destructors(struct __tcb *self)
{
	for (int pass = 0; pass < PTHREAD_DESTRUCTOR_ITERATIONS; pass++) {
		bool ran = false;

		for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void (*destructor)(void *) = keys[k].used ? keys[k].destructor : NULL;
			void *value = (void *)self->specific[k];

			if (!destructor || !value)
				continue;
			self->specific[k] = NULL;
			destructor(value);
			ran = true;
		}
		if (!ran)
			return;
	}
}
