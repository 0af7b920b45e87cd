/* Smelt's generic model runner: reads samples from the host, runs the model on each, prints rows.
 *
 * Protocol (the host side is SmeltTargets.SampleFile and QEMURunner):
 *   input   the file `smelt_input.bin` in QEMU's working directory, opened over semihosting
 *           (SYS_OPEN / SYS_READ): samples back to back, each SMELT_MODEL_INPUT_SIZE elements of
 *           smelt_io_t (int8 or int16), little endian, no header. The sample count is the file size
 *           divided by the sample size; a trailing partial sample is an error.
 *   output  one line per sample: the SMELT_MODEL_OUTPUT_SIZE output elements as decimal integers
 *           separated by single spaces. Diagnostics start with `smelt-runner:`.
 *   exit    0 when every sample ran; 2 if the model's invoke returned non-zero;
 *           3 if the input file cannot be opened; 4 for a truncated sample.
 *
 * `model_config.h` (written by the host driver next to the model) includes the model's header and
 * defines SMELT_MODEL_INVOKE, SMELT_MODEL_INPUT_SIZE, SMELT_MODEL_OUTPUT_SIZE and smelt_io_t. */
#include <stdint.h>
#include "model_config.h"
#include "semihost.h"
#include "smelt_bench.h"

#define SMELT_INPUT_FILE "smelt_input.bin"

static smelt_io_t smelt_input[SMELT_MODEL_INPUT_SIZE];
static smelt_io_t smelt_output[SMELT_MODEL_OUTPUT_SIZE];

__attribute__((noipa)) void smelt_bench_begin(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((noipa)) void smelt_bench_end(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((noipa)) void smelt_layer_mark(int layer) {
    (void)layer;
    __asm__ volatile("" ::: "memory");
}

/* A small line buffer so a row costs a few semihosting calls, not one per character. */
static char smelt_line[96];
static uint32_t smelt_line_len;

static void smelt_line_flush(void) {
    smelt_line[smelt_line_len] = '\0';
    smelt_sh_puts(smelt_line);
    smelt_line_len = 0;
}

static void smelt_line_put_int(int32_t v, char separator) {
    char digits[11];
    uint32_t n = 0;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    if (smelt_line_len + 13u >= sizeof(smelt_line)) smelt_line_flush();
    if (separator != '\0') smelt_line[smelt_line_len++] = separator;
    if (v < 0) smelt_line[smelt_line_len++] = '-';
    do {
        digits[n++] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u != 0u);
    while (n > 0u) smelt_line[smelt_line_len++] = digits[--n];
}

/* Reads exactly `len` bytes unless the file ends; returns the number of bytes read. */
static uint32_t smelt_read_full(int handle, uint8_t *dst, uint32_t len) {
    uint32_t got = 0;
    while (got < len) {
        int n = smelt_sh_read(handle, dst + got, len - got);
        if (n <= 0) break;
        got += (uint32_t)n;
    }
    return got;
}

int main(void) {
    const uint32_t sample_bytes = (uint32_t)sizeof(smelt_input);
    int handle = smelt_sh_open_read(SMELT_INPUT_FILE);
    if (handle < 0) {
        smelt_sh_puts("smelt-runner: cannot open " SMELT_INPUT_FILE "\n");
        return 3;
    }
    for (;;) {
        uint32_t got = smelt_read_full(handle, (uint8_t *)smelt_input, sample_bytes);
        int rc;
        uint32_t i;
        if (got == 0u) break;
        if (got != sample_bytes) {
            smelt_sh_puts("smelt-runner: truncated sample in " SMELT_INPUT_FILE "\n");
            smelt_sh_close(handle);
            return 4;
        }
        smelt_bench_begin();
        rc = SMELT_MODEL_INVOKE(smelt_input, smelt_output);
        smelt_bench_end();
        if (rc != 0) {
            smelt_sh_puts("smelt-runner: invoke returned ");
            smelt_sh_put_int(rc);
            smelt_sh_putc('\n');
            smelt_sh_close(handle);
            return 2;
        }
        for (i = 0; i < (uint32_t)SMELT_MODEL_OUTPUT_SIZE; i++) {
            smelt_line_put_int((int32_t)smelt_output[i], i == 0u ? '\0' : ' ');
        }
        smelt_line[smelt_line_len++] = '\n';
        smelt_line_flush();
    }
    smelt_sh_close(handle);
    return 0;
}
