package dev.tpc.scenario.run;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.plan.HookInfo;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.MapEntry;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.session.AttachedPolicy;
import dev.tpc.runtime.session.LoadedAttachPoint;
import dev.tpc.scenario.result.SelectorCoverage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Selector coverage of one attached policy, read from its programs' per-CPU counters: how many
 * calls each selector won, and how many reached the selectors and matched none. How many
 * selectors a hook has is the first word of its filter blob (Tetragon's encoding).
 */
final class Coverage {
    private Coverage() {
    }

    static List<SelectorCoverage> of(AttachedPolicy policy) {
        Map<String, long[]> hits;
        try {
            hits = policy.selectorHits();
        } catch (BpfException e) {
            return List.of(); // the counters could not be read: no coverage rather than a wrong one
        }
        List<SelectorCoverage> out = new ArrayList<>();
        for (LoadedAttachPoint a : policy.attachPoints()) {
            long[] slots = hits.get(a.id());
            HookInfo hook = a.plan().hook();
            if (slots == null || hook == null) {
                continue;
            }
            int selectors = Math.min(selectorCount(a.plan()), TemplateAbi.Limit.MAX_SELECTORS);
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < selectors; i++) {
                counts.add(slots[i]);
            }
            out.add(new SelectorCoverage(hook.policyName(), hookName(a.plan(), hook), counts,
                    slots[TemplateAbi.SelectorHit.NO_MATCH]));
        }
        return out;
    }

    /** The number of selectors of the hook: the first u32 of its filter_map blob (0 without selectors). */
    static int selectorCount(ProgramPlan plan) {
        for (MapContent c : plan.maps()) {
            if (c instanceof MapContent.Entries e && e.map().equals(TemplateAbi.Maps.FILTER_MAP.name())) {
                for (MapEntry entry : e.entries()) {
                    byte[] blob = entry.value().value();
                    if (blob.length >= 4) {
                        return ByteBuffer.wrap(blob, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    }
                }
            }
        }
        return 0;
    }

    private static String hookName(ProgramPlan plan, HookInfo hook) {
        String where = !hook.subsys().isEmpty() ? hook.subsys() + "/" + hook.event() : hook.function();
        String id = plan.id();
        int colon = id.lastIndexOf(": ");
        // plan ids of combined plans carry their policy's name as a prefix; the rest names the hook
        return (colon >= 0 ? id.substring(colon + 2) : id) + (id.contains(where) ? "" : " " + where);
    }
}
