package dev.tpc.runtime.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One attach point: a template object specialised through {@code .rodata}, its maps sized and
 * filled, its entry program attached.
 *
 * @param id          stable name of the attach point, used in messages (e.g. {@code syscalls/sys_enter_openat})
 * @param template    the BPF object to load
 * @param program     the program of the object that {@link #attach} attaches
 * @param attach      where it attaches
 * @param loadOnly    programs of the object to load; empty = every program the object has
 * @param rodata      {@code .rodata} variables by name, exact size each
 * @param mapSizes    max_entries per map name, set before load
 * @param maps        contents written after load, in order
 */
public record ProgramPlan(
        String id,
        TemplateRef template,
        String program,
        Attach attach,
        Set<String> loadOnly,
        Map<String, Bytes> rodata,
        Map<String, Integer> mapSizes,
        List<MapContent> maps) {

    public ProgramPlan {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("attach point id is required");
        }
        if (template == null || program == null || attach == null) {
            throw new IllegalArgumentException("attach point " + id + " needs a template, a program and an attach target");
        }
        loadOnly = Set.copyOf(loadOnly);
        rodata = Map.copyOf(rodata);
        mapSizes = Map.copyOf(mapSizes);
        maps = List.copyOf(maps);
    }
}
