/* Smelt semihosting port: the few ARM semihosting calls the firmware needs.
 *
 * Every call is a `BKPT 0xAB` with the operation in r0 and a parameter (a value or a pointer to an
 * argument block) in r1; the result comes back in r0. QEMU implements them when started with
 * `-semihosting-config enable=on,target=native`. No newlib stdio is involved. */
#ifndef SMELT_SEMIHOST_H
#define SMELT_SEMIHOST_H

#include <stdint.h>

/* Writes a NUL-terminated string to the host console (SYS_WRITE0). */
void smelt_sh_puts(const char *s);
/* Writes one character to the host console (SYS_WRITEC). */
void smelt_sh_putc(char c);
/* Writes a signed decimal integer (no newline). */
void smelt_sh_put_int(int32_t v);
/* Writes `0x` and eight hex digits. */
void smelt_sh_put_hex(uint32_t v);
/* Opens a host file for binary reading (SYS_OPEN, mode "rb"); returns a handle or -1. */
int smelt_sh_open_read(const char *path);
/* Reads up to `len` bytes (SYS_READ); returns the number of bytes read, 0 at end of file. */
int smelt_sh_read(int handle, void *buf, uint32_t len);
/* Closes a host file (SYS_CLOSE). */
void smelt_sh_close(int handle);
/* Ends the simulation with `code` as QEMU's exit status (SYS_EXIT_EXTENDED, 0x20). */
void smelt_sh_exit(int code) __attribute__((noreturn));

#endif
