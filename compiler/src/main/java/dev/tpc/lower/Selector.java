package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * One selector, lowered: every section in Tetragon's encoding order. {@code args} holds the
 * matchArgs filters followed by the matchData filters, with positions resolved. The return
 * sections are empty unless the hook has {@code return: true} (Tetragon ignores them otherwise).
 */
public record Selector(
        int index,
        List<PidFilter> pids,
        List<NamespaceFilter> namespaces,
        List<CapabilityFilter> capabilities,
        List<NamespaceChangeFilter> namespaceChanges,
        List<CapabilityFilter> capabilityChanges,
        Optional<BinaryFilter> binaries,
        Optional<BinaryFilter> parentBinaries,
        List<ArgFilter> args,
        List<Action> actions,
        List<ArgFilter> returnArgs,
        List<Action> returnActions,
        boolean matchWorkloads,
        SourceSpan span) {

    public Selector {
        pids = List.copyOf(pids);
        namespaces = List.copyOf(namespaces);
        capabilities = List.copyOf(capabilities);
        namespaceChanges = List.copyOf(namespaceChanges);
        capabilityChanges = List.copyOf(capabilityChanges);
        args = List.copyOf(args);
        actions = List.copyOf(actions);
        returnArgs = List.copyOf(returnArgs);
        returnActions = List.copyOf(returnActions);
    }
}
