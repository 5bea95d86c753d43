package dev.tpc.runtime.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One attach point: a template object specialised through {@code .rodata}, its maps sized and
 * filled, its entry program(s) attached.
 *
 * @param id          stable name of the attach point, used in messages (e.g. {@code syscalls/sys_enter_openat})
 * @param template    the BPF object to load
 * @param attach      the programs to attach and where; the first is the entry program
 * @param loadOnly    programs of the object to load besides those attached; empty = every program
 * @param rodata      {@code .rodata} variables by name, exact size each
 * @param mapSizes    max_entries per map name, set before load
 * @param maps        contents written after load, in order
 * @param hook        what events of this attach point mean (null for programs that report no hook events)
 * @param returnOf    for the return program of a hook with a return probe: the {@code id} of the plan
 *                    that loads its entry program (both get that plan's hook id as {@code tpc_cfg.pair_id});
 *                    null otherwise
 */
public record ProgramPlan(
        String id,
        TemplateRef template,
        List<ProgramAttach> attach,
        Set<String> loadOnly,
        Map<String, Bytes> rodata,
        Map<String, Integer> mapSizes,
        List<MapContent> maps,
        HookInfo hook,
        String returnOf) {

    public ProgramPlan {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("attach point id is required");
        }
        if (template == null || attach == null || attach.isEmpty()) {
            throw new IllegalArgumentException("attach point " + id + " needs a template and a program to attach");
        }
        attach = List.copyOf(attach);
        loadOnly = Set.copyOf(loadOnly);
        rodata = Map.copyOf(rodata);
        mapSizes = Map.copyOf(mapSizes);
        maps = List.copyOf(maps);
    }

    public ProgramPlan(String id, TemplateRef template, List<ProgramAttach> attach, Set<String> loadOnly,
            Map<String, Bytes> rodata, Map<String, Integer> mapSizes, List<MapContent> maps, HookInfo hook) {
        this(id, template, attach, loadOnly, rodata, mapSizes, maps, hook, null);
    }

    /** A plan with one entry program and no hook metadata. */
    public ProgramPlan(String id, TemplateRef template, String program, Attach attach, Set<String> loadOnly,
            Map<String, Bytes> rodata, Map<String, Integer> mapSizes, List<MapContent> maps) {
        this(id, template, List.of(new ProgramAttach(program, attach)), loadOnly, rodata, mapSizes, maps, null);
    }

    /** The entry program's name. */
    public String program() {
        return attach.get(0).program();
    }

    /** The same plan with other map contents (e.g. another policy mode in {@code policy_conf}). */
    public ProgramPlan withMaps(List<MapContent> newMaps) {
        return new ProgramPlan(id, template, attach, loadOnly, rodata, mapSizes, newMaps, hook, returnOf);
    }

    /** The same plan under {@code prefix + id} (and its entry's id, for a return program, likewise). */
    public ProgramPlan withIdPrefix(String prefix) {
        return new ProgramPlan(prefix + id, template, attach, loadOnly, rodata, mapSizes, maps, hook,
                returnOf == null ? null : prefix + returnOf);
    }
}
