package dev.tpc.encode;

import dev.tpc.lower.ActionKind;
import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.HookKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The packed 736-byte {@code event_config} of one hook ({@code bpf/process/event_config.h}):
 * func_id, arg[5], arm[5], off[5], idx[5], syscall, argreturncopy, argreturn, argreturnaction,
 * policy_id, flags, selector_stats_base, btf_arg[5][10], usdt_arg[8], reg_arg[8]. The agent's
 * ids (func_id, policy_id, selector_stats_base) are left 0.
 */
final class EventConfigEncoder {
    static final int SIZE = 736;
    static final int MAX_ARGS = 5;
    static final int OFF_ARG = 4;
    static final int OFF_ARM = 24;
    static final int OFF_TP_OFFSET = 44;
    static final int OFF_IDX = 64;
    static final int OFF_SYSCALL = 84;
    static final int OFF_RETURN_COPY = 88;
    static final int OFF_RETURN = 92;
    static final int OFF_RETURN_ACTION = 96;
    static final int OFF_BTF_ARG = 112;
    static final int BTF_ARG_SIZE = 10 * 8;

    private EventConfigEncoder() {}

    static byte[] encode(AttachPoint ap) {
        if (ap.args().size() > MAX_ARGS) {
            throw new EncodingFailure("number of arguments (" + ap.args().size() + ") larger than max (" + MAX_ARGS + ")",
                    ap.span());
        }
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        // Tetragon starts every hook's idx[] at -1, except that the uprobe sensor replaces the
        // whole array with its own, whose unused positions are 0
        int unusedIndex = ap.kind() == HookKind.UPROBE ? 0 : -1;
        for (int i = 0; i < MAX_ARGS; i++) {
            b.putInt(OFF_IDX + 4 * i, unusedIndex);
        }
        int returnCopyType = 0;
        for (Arg a : ap.args()) {
            int p = a.position();
            if (p < 0 || p >= MAX_ARGS) {
                throw new EncodingFailure("argument position " + p + " out of range", ap.span());
            }
            b.putInt(OFF_ARG + 4 * p, a.type().id());
            b.putInt(OFF_ARM + 4 * p, a.meta());
            b.putInt(OFF_TP_OFFSET + 4 * p, a.tracepointOffset());
            b.putInt(OFF_IDX + 4 * p, a.index());
            if (a.returnCopy()) {
                returnCopyType = a.type().id(); // Tetragon keeps the last returnCopy argument
            }
        }
        b.putInt(OFF_SYSCALL, ap.syscall() ? 1 : 0);
        b.putInt(OFF_RETURN_COPY, returnCopyType);
        b.putInt(OFF_RETURN, ap.returnArgType().map(ArgType::id).orElse(0));
        b.putInt(OFF_RETURN_ACTION, ap.returnArgAction().map(ActionKind::id).orElse(0));
        return b.array();
    }
}
