package dev.tpc.runtime.probe;

import java.io.ByteArrayOutputStream;

/**
 * A tiny BPF assembler for probe programs: just the instructions the probes need, encoded as
 * {@code struct bpf_insn} (code u8, dst:4 src:4, off s16, imm s32; little-endian).
 */
final class Insns {
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int count;

    private Insns emit(int code, int dst, int src, int off, int imm) {
        out.write(code);
        out.write((src << 4) | dst);
        out.write(off & 0xff);
        out.write((off >>> 8) & 0xff);
        for (int i = 0; i < 4; i++) {
            out.write((imm >>> (8 * i)) & 0xff);
        }
        count++;
        return this;
    }

    /** r0 = imm (BPF_ALU64 | BPF_MOV | BPF_K). */
    Insns movR0(int imm) {
        return emit(0xb7, R0, 0, 0, imm);
    }

    Insns movR1(int imm) {
        return emit(0xb7, R1, 0, 0, imm);
    }

    Insns movR2(int imm) {
        return emit(0xb7, R2, 0, 0, imm);
    }

    Insns movR3(int imm) {
        return emit(0xb7, R3, 0, 0, imm);
    }

    /** r2 = fd of a map (the two-slot BPF_LD | BPF_DW | BPF_IMM with BPF_PSEUDO_MAP_FD). */
    Insns loadMapFdR2(int fd) {
        emit(0x18, R2, 1, 0, fd);
        return emit(0, 0, 0, 0, 0);
    }

    /** call helper {@code id}. */
    Insns call(int helper) {
        return emit(0x85, 0, 0, 0, helper);
    }

    /** call the subprogram {@code relative} instructions after the next one (BPF_PSEUDO_CALL). */
    Insns callLocal(int relative) {
        return emit(0x85, 0, 1, 0, relative);
    }

    /** r0 >>= imm, unsigned (BPF_ALU64 | BPF_RSH | BPF_K). */
    Insns rshR0(int imm) {
        return emit(0x77, R0, 0, 0, imm);
    }

    Insns exit() {
        return emit(0x95, 0, 0, 0, 0);
    }

    int count() {
        return count;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code return 0}. */
    static Insns returnZero() {
        return new Insns().movR0(0).exit();
    }
}
