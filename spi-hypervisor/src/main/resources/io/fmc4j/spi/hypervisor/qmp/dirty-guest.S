/*
 * Test guest for live-migration tests: a Multiboot (v1) kernel that QEMU loads with -kernel.
 *
 * It first writes one non-zero word into every 4 KiB page of FILL_MB MiB from 2 MiB up, so that the first
 * migration pass has FILL_MB MiB of real (non-zero, not deduplicated) pages to send. It then dirties one page of the
 * first HOT_MB MiB every PERIOD time-stamp-counter ticks, forever. Under TCG the guest's RDTSC follows the host's
 * TSC, so the dirty rate is about TSC_HZ / PERIOD pages per second whatever the emulation speed.
 *
 * Build: as --32 --defsym FILL_MB=48 --defsym HOT_MB=16 --defsym PERIOD=1000000 -o guest.o dirty-guest.S
 *        ld -m elf_i386 -Ttext 0x100000 -e _start -o guest.elf guest.o
 */
        .set MB_MAGIC, 0x1BADB002
        .set MB_FLAGS, 0
        .set REGION, 0x200000

        .section .text
        .globl _start
        .align 4
        .long MB_MAGIC
        .long MB_FLAGS
        .long -(MB_MAGIC + MB_FLAGS)
_start:
        cli
        mov     $REGION, %edi
        mov     $(REGION + FILL_MB * 0x100000), %ecx
fill:
        movl    $0x5a5a5a5a, (%edi)
        add     $4096, %edi
        cmp     %ecx, %edi
        jb      fill
        mov     $REGION, %edi
        xor     %ebx, %ebx
        rdtsc
        mov     %eax, %esi
hot:
        rdtsc
        mov     %eax, %edx
        sub     %esi, %edx
        cmp     $PERIOD, %edx
        jb      hot
        mov     %eax, %esi
        inc     %ebx
        mov     %ebx, (%edi)
        add     $4096, %edi
        cmp     $(REGION + HOT_MB * 0x100000), %edi
        jb      hot
        mov     $REGION, %edi
        jmp     hot
