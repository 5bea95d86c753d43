package dev.tpc.runtime.plan;

import java.util.List;
import java.util.Set;

/**
 * Everything the runtime loads for one policy, independent of how it was stored (a bundle reader
 * produces it; tests build it directly).
 *
 * @param policyName  the policy's name as users know it ({@code namespace/name} for a namespaced
 *                    one), for messages; events take theirs from each hook's {@link HookInfo}
 * @param programs    attach points, loaded in order and attached only once all loaded
 * @param sharedMaps  map names created once (by the first object that has them) and reused by
 *                    every later object: the event ring buffer, the exec tracker's process map, ...
 * @param eventsMap   the ring-buffer map whose records the session reads; null for none
 */
public record LoadPlan(String policyName, List<ProgramPlan> programs, Set<String> sharedMaps, String eventsMap) {
    public LoadPlan {
        policyName = policyName == null ? "" : policyName;
        programs = List.copyOf(programs);
        sharedMaps = Set.copyOf(sharedMaps);
        if (eventsMap != null && !sharedMaps.contains(eventsMap) && programs.size() > 1) {
            throw new IllegalArgumentException("the events map " + eventsMap + " must be shared when several objects are loaded");
        }
    }
}
