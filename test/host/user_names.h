/* SPDX-License-Identifier: MIT */
/* Host tests: gives the SDK's C library functions vrm_ names beside glibc's. */
#ifndef VRM_USER_NAMES_H
#define VRM_USER_NAMES_H

/*
 * Forced with -include into the user/lib sources that host tests build
 * (after host_names.h, which renames what lib/ provides). Every name those
 * sources define or call that glibc also has is renamed, so the code
 * under test calls the test's fakes (write, read, sbrk...) and the test's
 * own printf stays glibc's. Tests call the SDK by the vrm_ names.
 */

/* The kernel's formatter header names the "printf" format archetype; it
 * is read once here, before printf becomes a macro. */
#include <vrm/fmt.h>

/* One errno, the tests' variable, instead of the SDK's per-thread one. */
#define errno vrm_errno
extern int vrm_errno;
#define environ vrm_environ
#define getenv vrm_getenv
#define setenv vrm_setenv
#define unsetenv vrm_unsetenv
#define rand vrm_rand
#define srand vrm_srand
#define rand_r vrm_rand_r

#define malloc vrm_malloc
#define free vrm_free
#define calloc vrm_calloc
#define realloc vrm_realloc
#define sbrk vrm_sbrk
#define brk vrm_brk
#define abort vrm_abort

#define read vrm_read
#define write vrm_write
/* stdio's own read and write (no cancellation points) are the same fakes. */
#define __read vrm_read
#define __write vrm_write
#define open vrm_open
#define close vrm_close
#define lseek vrm_lseek

#define stdin vrm_stdin
#define stdout vrm_stdout
#define stderr vrm_stderr
#define fopen vrm_fopen
#define fclose vrm_fclose
#define fflush vrm_fflush
#define fileno vrm_fileno
#define feof vrm_feof
#define ferror vrm_ferror
#define clearerr vrm_clearerr
#define fread vrm_fread
#define fwrite vrm_fwrite
#define fgetc vrm_fgetc
#define getc vrm_getc
#define getchar vrm_getchar
#define ungetc vrm_ungetc
#define fgets vrm_fgets
#define fputc vrm_fputc
#define putc vrm_putc
#define putchar vrm_putchar
#define fputs vrm_fputs
#define puts vrm_puts
#define printf vrm_printf
#define fprintf vrm_fprintf
#define dprintf vrm_dprintf
#define sprintf vrm_sprintf
#define vprintf vrm_vprintf
#define vfprintf vrm_vfprintf
#define vdprintf vrm_vdprintf
#define vsprintf vrm_vsprintf
#define perror vrm_perror
#define strerror vrm_strerror
#define __stdio_put vrm___stdio_put
#define __stdio_flush_out vrm___stdio_flush_out

#define sigemptyset vrm_sigemptyset
#define sigfillset vrm_sigfillset
#define sigaddset vrm_sigaddset
#define sigdelset vrm_sigdelset
#define sigismember vrm_sigismember
#define sig2str vrm_sig2str
#define str2sig vrm_str2sig
#define strsignal vrm_strsignal

#define strtol vrm_strtol
#define strtoll vrm_strtoll
#define atoi vrm_atoi
#define atol vrm_atol
#define abs vrm_abs
#define labs vrm_labs
#define qsort vrm_qsort

#define strncpy vrm_strncpy
#define strcat vrm_strcat
#define strncat vrm_strncat
#define strspn vrm_strspn
#define strcspn vrm_strcspn
#define strpbrk vrm_strpbrk
#define strtok vrm_strtok
#define strtok_r vrm_strtok_r
#define strdup vrm_strdup
#define strndup vrm_strndup

#define gmtime vrm_gmtime
#define gmtime_r vrm_gmtime_r
#define localtime vrm_localtime
#define localtime_r vrm_localtime_r
#define mktime vrm_mktime
#define timegm vrm_timegm
#define difftime vrm_difftime
#define strftime vrm_strftime
#define asctime vrm_asctime
#define asctime_r vrm_asctime_r
#define ctime vrm_ctime
#define ctime_r vrm_ctime_r
#define tzset vrm_tzset
#define tzname vrm_tzname
#define timezone vrm_timezone
#define daylight vrm_daylight

#define sysconf vrm_sysconf

#define getopt vrm_getopt
#define optarg vrm_optarg
#define optind vrm_optind
#define opterr vrm_opterr
#define optopt vrm_optopt

#endif /* VRM_USER_NAMES_H */
