package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the IR: everything the encoder needs to produce one hook's maps and config.
 *
 * @param hookIndex       position of the hook in its {@code spec} section
 * @param syscall         {@code event_config.syscall}: read arguments through the syscall wrapper's pt_regs
 * @param args            the argument table, by position
 * @param returnArgType   the {@code returnArg} type when {@code return: true}
 * @param returnArgAction {@link ActionKind#TRACK_SOCK} or {@link ActionKind#UNTRACK_SOCK}, when set
 * @param selectors       selectors in policy order (at most 5)
 */
public record AttachPoint(
        HookKind kind,
        int hookIndex,
        AttachTarget target,
        boolean syscall,
        List<Arg> args,
        Optional<ArgType> returnArgType,
        Optional<ActionKind> returnArgAction,
        List<Selector> selectors,
        SourceSpan span) {

    public AttachPoint {
        args = List.copyOf(args);
        selectors = List.copyOf(selectors);
    }

    public String name() {
        return target.name();
    }

    /** Return selectors are compiled (and a return blob exists) only with {@code return: true}. */
    public boolean hasReturnSelectors() {
        return returnArgType.isPresent();
    }

    /** Tetragon attaches a return probe for {@code return: true} and for any returnCopy argument. */
    public boolean needsReturnProbe() {
        return returnArgType.isPresent() || args.stream().anyMatch(Arg::returnCopy);
    }

    /** The values this hook needs from the node, in the order they appear. */
    public List<NodeFact> nodeFacts() {
        List<NodeFact> out = new ArrayList<>();
        for (Selector s : selectors) {
            for (NamespaceFilter n : s.namespaces()) {
                for (NamespaceFilter.Value v : n.values()) {
                    if (v instanceof NamespaceFilter.HostNamespace) {
                        out.add(new NodeFact.HostNamespaceInode(n.namespace()));
                    }
                }
            }
            s.capabilities().stream().filter(CapabilityFilter::namespaceCapability)
                    .forEach(c -> out.add(new NodeFact.HostUserNamespaceInode()));
            s.capabilityChanges().stream().filter(CapabilityFilter::namespaceCapability)
                    .forEach(c -> out.add(new NodeFact.HostUserNamespaceInode()));
            s.binaries().filter(BinaryFilter::followChildren).ifPresent(b -> out.add(new NodeFact.MatchBinariesSetId()));
            s.parentBinaries().filter(BinaryFilter::followChildren).ifPresent(b -> out.add(new NodeFact.MatchBinariesSetId()));
        }
        return out;
    }
}
