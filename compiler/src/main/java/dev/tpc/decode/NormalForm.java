package dev.tpc.decode;

import java.util.List;
import java.util.Optional;

/**
 * The normal form of a hook's selectors: what {@code tpc explain} prints, and what both a policy
 * (through its IR) and an encoding (through {@link Decoder}) reduce to, so that the two can be
 * compared. Rules:
 * <ul>
 * <li>operators, actions, namespaces, capability sets and argument types by their canonical names;</li>
 * <li>every number in decimal, signed or unsigned as the argument type reads it;</li>
 * <li>map-backed values (strings, prefixes, postfixes, InMap and port keys, addresses, binaries) as
 *     sorted sets without duplicates, InMap ranges and lists expanded into their members;</li>
 * <li>empty filters dropped (a PID or namespace entry without values, a value filter without values).</li>
 * </ul>
 */
public final class NormalForm {
    private NormalForm() {}

    /** A hook: its argument table and its selectors (return selectors only with {@code return: true}). */
    public record Hook(List<ArgSlot> args, int returnArgType, List<Selector> selectors, Optional<List<Selector>> returnSelectors) {
        public Hook {
            args = List.copyOf(args);
            selectors = List.copyOf(selectors);
        }
    }

    /** One {@code event_config} argument slot. */
    public record ArgSlot(int position, String type, int index, int meta, int tracepointOffset) {}

    public record Selector(List<Pid> pids, List<Namespaces> namespaces, List<Capabilities> capabilities,
                           List<NamespaceChanges> namespaceChanges, List<Capabilities> capabilityChanges,
                           Optional<Binaries> binaries, Optional<Binaries> parentBinaries, List<Arg> args,
                           List<Action> actions) {
        public Selector {
            pids = List.copyOf(pids);
            namespaces = List.copyOf(namespaces);
            capabilities = List.copyOf(capabilities);
            namespaceChanges = List.copyOf(namespaceChanges);
            capabilityChanges = List.copyOf(capabilityChanges);
            args = List.copyOf(args);
            actions = List.copyOf(actions);
        }
    }

    public record Pid(String operator, boolean namespacePid, boolean followForks, List<String> values) {}

    /** Values are inode numbers or {@code host_ns}. */
    public record Namespaces(String namespace, String operator, List<String> values) {}

    /** {@code capabilities}: names, lowest bit first. */
    public record Capabilities(String set, String operator, boolean namespaceCapability, List<String> capabilities) {}

    public record NamespaceChanges(String operator, List<String> namespaces) {}

    public record Binaries(String operator, List<String> values, boolean followChildren) {}

    /** One argument filter; {@code values} per the rules above ({@code arg:N} for CapabilitiesGained). */
    public record Arg(int position, String operator, String type, List<String> values) {}

    /** An action and its parameters as {@code name=value}, in a fixed order. */
    public record Action(String action, List<String> parameters) {}
}
