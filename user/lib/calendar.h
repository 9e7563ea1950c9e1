/* SPDX-License-Identifier: MIT */
/* What calendar.c and strftime.c share about the Gregorian calendar. */
#ifndef USER_LIB_CALENDAR_H
#define USER_LIB_CALENDAR_H

#include <stdbool.h>

static inline bool __is_leap(long year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

#endif /* USER_LIB_CALENDAR_H */
