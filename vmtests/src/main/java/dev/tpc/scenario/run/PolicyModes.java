package dev.tpc.scenario.run;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.bundle.PolicyMode;
import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.MapEntry;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.scenario.model.ModeOverride;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's {@code mode} line: the policy runs in that mode whatever its {@code policy-mode}
 * option says. The mode lives in the policy's {@code policy_conf} map (key 0), which every hook
 * program of the policy reads, so the plan's entry for it is replaced. A policy Tetragon makes
 * monitor-only (no enforcement action anywhere) stays so: there is nothing to enforce.
 */
final class PolicyModes {
    private PolicyModes() {
    }

    static LoadPlan apply(LoadPlan plan, ModeOverride mode) {
        byte value = (byte) (mode == ModeOverride.MONITOR ? PolicyMode.MONITOR.value() : PolicyMode.ENFORCE.value());
        String map = TemplateAbi.Maps.POLICY_CONF.name();
        List<ProgramPlan> programs = new ArrayList<>();
        for (ProgramPlan p : plan.programs()) {
            List<MapContent> maps = new ArrayList<>();
            for (MapContent c : p.maps()) {
                if (c instanceof MapContent.Entries e && e.map().equals(map)) {
                    List<MapEntry> entries = new ArrayList<>();
                    for (MapEntry entry : e.entries()) {
                        byte[] v = entry.value().value();
                        boolean monitorOnly = v.length > 0 && v[0] == PolicyMode.MONITOR_ONLY.value();
                        entries.add(monitorOnly ? entry : new MapEntry(entry.key(), Bytes.of(new byte[] {value})));
                    }
                    maps.add(new MapContent.Entries(e.map(), entries));
                } else {
                    maps.add(c);
                }
            }
            programs.add(p.withMaps(maps));
        }
        return new LoadPlan(plan.policyName(), programs, plan.sharedMaps(), plan.eventsMap());
    }
}
