package dev.tpc.validate.semantic;

import dev.tpc.target.Arch;
import dev.tpc.target.Targets;
import dev.tpc.yaml.MappingNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The facts about a whole policy that rules on single hooks need. */
final class Policy {
    static final Set<String> ENFORCEMENT_ACTIONS = Set.of("sigkill", "signal", "notifyenforcer", "override", "set");

    final MappingNode spec;
    final boolean namespaced;
    final Targets targets;
    final Findings findings;
    /** spec.lists by name. */
    final Map<String, MappingNode> lists = new LinkedHashMap<>();
    /** spec.options by name; the last entry of a name wins, as in Tetragon's option loop. */
    final Map<String, MappingNode> options = new LinkedHashMap<>();
    /** The policy's single hook section, when it has one. */
    HookKind kind;
    List<Hook> hooks = List.of();

    Policy(MappingNode spec, boolean namespaced, Targets targets, Findings findings) {
        this.spec = spec;
        this.namespaced = namespaced;
        this.targets = targets;
        this.findings = findings;
        for (MappingNode l : Tree.maps(spec, "lists")) {
            lists.putIfAbsent(Tree.text(l, "name"), l);
        }
        for (MappingNode o : Tree.maps(spec, "options")) {
            options.put(Tree.text(o, "name"), o);
        }
    }

    Arch arch() {
        return targets.arch();
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).map(o -> Tree.text(o, "value"));
    }

    /** Go's strconv.ParseBool, which Tetragon's boolean options use. */
    static Optional<Boolean> parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    boolean optionTrue(String name) {
        return option(name).flatMap(Policy::parseBool).orElse(false);
    }

    /** Tetragon uses kprobe_multi only when the policy does not disable it (the target must also offer it). */
    boolean kprobeMultiAllowedByPolicy() {
        if (optionTrue("disable-kprobe-multi") || kind == HookKind.FENTRY) {
            return false;
        }
        // on arm64 Tetragon turns kprobe_multi off when Override or enforcers are present
        return !(arch() == Arch.ARM64 && (usesAction("override") || !Tree.maps(spec, "enforcers").isEmpty()));
    }

    boolean usesAction(String lowerCaseAction) {
        for (Hook h : hooks) {
            for (Selector s : h.selectors()) {
                for (String field : List.of("matchActions", "matchReturnActions")) {
                    for (MappingNode a : s.entries(field)) {
                        if (action(a).equals(lowerCaseAction)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    boolean hasEnforcementAction() {
        return ENFORCEMENT_ACTIONS.stream().anyMatch(this::usesAction);
    }

    static String action(MappingNode actionNode) {
        return Tree.text(actionNode, "action").toLowerCase(Locale.ROOT);
    }
}
