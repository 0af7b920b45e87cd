/* Smelt semihosting port (see semihost.h). */
#include "semihost.h"

enum {
    SYS_OPEN = 0x01,
    SYS_CLOSE = 0x02,
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_READ = 0x06,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20
};

/* ADP_Stopped_ApplicationExit: the "reason" that makes the subcode the exit status. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUNTIME_ERROR 0x20023u

static int32_t smelt_sh_call(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return (int32_t)r0;
}

void smelt_sh_puts(const char *s) { (void)smelt_sh_call(SYS_WRITE0, s); }

void smelt_sh_putc(char c) { (void)smelt_sh_call(SYS_WRITEC, &c); }

void smelt_sh_put_int(int32_t v) {
    char buf[12];
    int i = 11;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u != 0u);
    if (v < 0) buf[--i] = '-';
    smelt_sh_puts(&buf[i]);
}

void smelt_sh_put_hex(uint32_t v) {
    static const char digits[] = "0123456789abcdef";
    char buf[11];
    int i;
    buf[0] = '0';
    buf[1] = 'x';
    for (i = 0; i < 8; i++) buf[2 + i] = digits[(v >> (28 - 4 * i)) & 0xFu];
    buf[10] = '\0';
    smelt_sh_puts(buf);
}

int smelt_sh_open_read(const char *path) {
    uint32_t len = 0;
    uint32_t args[3];
    while (path[len] != '\0') len++;
    args[0] = (uint32_t)(uintptr_t)path;
    args[1] = 1u; /* "rb" */
    args[2] = len;
    return smelt_sh_call(SYS_OPEN, args);
}

int smelt_sh_read(int handle, void *buf, uint32_t len) {
    uint32_t args[3];
    int32_t left;
    args[0] = (uint32_t)handle;
    args[1] = (uint32_t)(uintptr_t)buf;
    args[2] = len;
    left = smelt_sh_call(SYS_READ, args); /* bytes NOT read */
    if (left < 0 || (uint32_t)left > len) return -1;
    return (int)(len - (uint32_t)left);
}

void smelt_sh_close(int handle) {
    uint32_t args[1];
    args[0] = (uint32_t)handle;
    (void)smelt_sh_call(SYS_CLOSE, args);
}

void smelt_sh_exit(int code) {
    uint32_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uint32_t)code;
    (void)smelt_sh_call(SYS_EXIT_EXTENDED, block);
    /* Hosts without the extended call: plain SYS_EXIT can only say success or failure. */
    (void)smelt_sh_call(SYS_EXIT, (const void *)(uintptr_t)(code == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                                                     : ADP_STOPPED_RUNTIME_ERROR));
    for (;;) {
    }
}
