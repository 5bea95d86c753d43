package dev.tpc.runtime.session;

import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.NodePatch;
import dev.tpc.runtime.sys.NodeFacts;
import java.io.IOException;

/** Fills a plan's {@link Bytes} with the node's values. */
final class Patcher {
    private final NodeFacts facts;

    Patcher(NodeFacts facts) {
        this.facts = facts;
    }

    byte[] apply(Bytes bytes) throws IOException {
        byte[] out = bytes.value();
        for (NodePatch p : bytes.patches()) {
            long v = facts.value(p.fact());
            for (int i = 0; i < p.width(); i++) {
                out[p.offset() + i] = (byte) (v >>> (8 * i));
            }
        }
        return out;
    }
}
