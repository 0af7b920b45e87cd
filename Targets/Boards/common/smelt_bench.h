/* Smelt benchmark markers. The host's instruction counter watches the entry addresses of these
 * functions (from arm-none-eabi-nm) in QEMU's execution trace:
 *   smelt_bench_begin() ... smelt_bench_end()   brackets one inference;
 *   smelt_layer_mark(i)                         is called by SMELT_LAYER_BEGIN(i) and SMELT_LAYER_END(i),
 * so inside an inference the marks come in pairs: mark 2k opens layer k, mark 2k+1 closes it.
 * They are `noipa` so the compiler can neither inline, clone, merge nor drop them. */
#ifndef SMELT_BENCH_H
#define SMELT_BENCH_H

void smelt_bench_begin(void);
void smelt_bench_end(void);
void smelt_layer_mark(int layer);

#endif
