/* Smelt startup for every Cortex-M board: vector table, reset handler, fault reporting.
 *
 * The reset handler copies .data from flash to RAM, zeroes .bss, calls main() and ends the
 * simulation with main's return value as the exit status (semihosting SYS_EXIT_EXTENDED).
 * A fault prints one line `smelt-fault: <Name> pc=0x... ` over semihosting and exits with
 * SMELT_FAULT_EXIT_CODE, which the host driver reports as a fault, never as output. */
#include <stdint.h>
#include "semihost.h"

#define SMELT_FAULT_EXIT_CODE 99

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern int main(void);

void Reset_Handler(void) __attribute__((noreturn));
void smelt_fault_report(const uint32_t *frame, uint32_t kind) __attribute__((noreturn, used));

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
#define SMELT_V7M 1
#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)
#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28u)
#endif

static const char *const smelt_fault_names[] = {
    "Reset", "NMI", "HardFault", "MemManage", "BusFault", "UsageFault", "IRQ"};

void smelt_fault_report(const uint32_t *frame, uint32_t kind) {
    /* The exception frame pushed by the core: r0-r3, r12, lr, pc, xpsr. */
    smelt_sh_puts("\nsmelt-fault: ");
    smelt_sh_puts(smelt_fault_names[kind < 7u ? kind : 6u]);
    smelt_sh_puts(" pc=");
    smelt_sh_put_hex(frame[6]);
    smelt_sh_puts(" lr=");
    smelt_sh_put_hex(frame[5]);
#ifdef SMELT_V7M
    smelt_sh_puts(" cfsr=");
    smelt_sh_put_hex(SCB_CFSR);
#endif
    smelt_sh_puts("\n");
    smelt_sh_exit(SMELT_FAULT_EXIT_CODE);
}

/* Each handler passes the main stack pointer (the exception frame) and its kind. */
#define SMELT_FAULT_HANDLER(name, kind)                                   \
    __attribute__((naked)) void name(void) {                             \
        __asm__ volatile("mrs r0, msp\n\tmovs r1, #" #kind "\n\tbl smelt_fault_report\n"); \
    }

SMELT_FAULT_HANDLER(NMI_Handler, 1)
SMELT_FAULT_HANDLER(HardFault_Handler, 2)
SMELT_FAULT_HANDLER(MemManage_Handler, 3)
SMELT_FAULT_HANDLER(BusFault_Handler, 4)
SMELT_FAULT_HANDLER(UsageFault_Handler, 5)
SMELT_FAULT_HANDLER(Default_Handler, 6)

void Reset_Handler(void) {
    uint32_t *src = &_sidata;
    uint32_t *dst = &_sdata;
#if defined(__ARM_FP) && defined(SMELT_V7M)
    /* Built for the FPU (-mfpu, -mfloat-abi=softfp/hard): grant CP10/CP11 access (CPACR) before
     * any code, including newlib's memcpy of that multilib, can touch a floating-point register. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss; dst++) *dst = 0u;
#ifdef SMELT_V7M
    /* Report MemManage / BusFault / UsageFault by name instead of escalating to HardFault. */
    SCB_SHCSR |= (1u << 16) | (1u << 17) | (1u << 18);
#endif
    smelt_sh_exit(main());
}

typedef void (*smelt_vector_t)(void);

/* 16 system exceptions, then 32 external interrupts (none is enabled by Smelt's firmware). */
__attribute__((section(".isr_vector"), used)) const smelt_vector_t smelt_vector_table[48] = {
    (smelt_vector_t)&_estack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0, 0, 0, 0,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,
    Default_Handler, /* PendSV */
    Default_Handler, /* SysTick */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
};
