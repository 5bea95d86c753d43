package dev.tpc.bundle;

import dev.tpc.encode.Specialisation;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.NodeFact;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the runtime needs to load one attach point of one target without reading the
 * policy again ({@code targets/<t>/hooks/<nnnn>/loader.json}; docs/bundle-format.md).
 *
 * @param target        the target profile's name
 * @param hook          the attach point's position among the target's hooks, from 0
 * @param name          how Tetragon names the hook ({@code syscalls/sys_enter_openat}, {@code __x64_sys_write})
 * @param kind          the program type the hook needs
 * @param specIndex     the hook's position in its {@code spec} section ({@code kind.section()})
 * @param attach        where it attaches
 * @param syscall       arguments are read through the syscall wrapper's pt_regs
 * @param returnProbe   Tetragon attaches a return probe too
 * @param returnFilter  the bundle holds a return filter blob ({@code return: true})
 * @param template      the BPF template that loads it on this target, when tpc has one
 * @param templateUnavailable why there is none (empty when {@code template} is present)
 * @param rodata        the template's {@code .rodata} specialisation (of the entry program)
 * @param returnRodata  the return program's, when the template has one for this hook
 * @param maps          every map of the hook's program(s) with its shape and size
 * @param relocations   values only the node knows, and where they go
 * @param specialisation what the selectors use (the encoder's summary)
 * @param event         what events of this hook look like
 * @param actionArgs    the hook's action-argument table (GetUrl/DnsLookup arguments by id)
 */
public record LoaderConfig(String target, int hook, String name, HookKind kind, int specIndex, AttachTarget attach,
                           boolean syscall, boolean returnProbe, boolean returnFilter, Optional<Template> template,
                           String templateUnavailable, Rodata rodata, Optional<Rodata> returnRodata, List<MapShape> maps,
                           List<Relocation> relocations,
                           Specialisation specialisation, EventInfo event, List<String> actionArgs) {

    public static final String FORMAT = "tpc-loader/1";

    public LoaderConfig {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(returnRodata, "returnRodata");
        templateUnavailable = templateUnavailable == null ? "" : templateUnavailable;
        maps = List.copyOf(maps);
        relocations = List.copyOf(relocations);
        actionArgs = List.copyOf(actionArgs);
    }

    /**
     * A template object of bpf-templates, its entry program, its return program for a hook with a
     * return probe (empty otherwise) and the build variant for the target kernel
     * ({@code TemplateAbi.Variant} id, e.g. {@code v511}). The runtime loads the object once for
     * the entry program and, for a return probe, once more for the return program with the
     * return side's maps.
     */
    public record Template(String object, String program, String returnProgram, String variant) {
        public Template {
            returnProgram = returnProgram == null ? "" : returnProgram;
        }
    }

    /**
     * The {@code const volatile} global the template reads its switches from ({@code tpc_cfg}):
     * its exact bytes, and the same values by field name for readers.
     */
    public record Rodata(String symbol, Bytes bytes, Map<String, Long> fields) {
        public Rodata {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** Which program of the hook a map belongs to. */
    public enum Side {
        ENTRY, RETURN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One map of the hook's program. {@code source} names the entry whose bytes fill it
     * ({@code filter.bin} and {@code event-config.bin} as the value of key 0, {@code maps.bin}
     * for inner maps and plain maps listed there), or is empty when the loader leaves it empty.
     * For a map of maps, {@code inner} is the shape of its inner maps and {@code instances} the
     * inner maps to create.
     */
    public record MapShape(Side side, String name, String type, int keySize, int valueSize, int maxEntries,
                           Optional<InnerShape> inner, List<InnerInstance> instances, String source) {
        public MapShape {
            instances = List.copyOf(instances);
            source = source == null ? "" : source;
        }
    }

    public record InnerShape(String type, int keySize, int valueSize, int flags) {}

    /** An inner map: its slot in the outer map, Tetragon's name for it, its size and how many entries maps.bin holds. */
    public record InnerInstance(int index, String name, int maxEntries, int entries) {}

    /**
     * A value only the node knows: the encoder left {@code width} zero bytes at {@code offset} of
     * {@code entry} (for {@code maps.bin}: the value of key {@code key} of map {@code map}).
     */
    public record Relocation(NodeFact fact, Side side, String entry, String map, int key, int offset, int width) {}

    /**
     * The metadata of the hook's events (Tetragon's JSON shapes).
     *
     * @param eventKind {@code process_tracepoint}, {@code process_kprobe}, {@code process_lsm} or {@code process_uprobe}
     */
    public record EventInfo(String policy, String eventKind, String subsystem, String event, String function,
                            List<ArgInfo> args, String message, List<String> tags) {
        public EventInfo {
            args = List.copyOf(args);
            tags = List.copyOf(tags);
        }
    }

    /** One argument slot: its position in event_config, role, policy type and label. */
    public record ArgInfo(int position, String role, String type, String label) {}
}
