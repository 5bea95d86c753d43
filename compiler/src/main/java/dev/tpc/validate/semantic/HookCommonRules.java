package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.SemanticRule;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.List;
import java.util.Optional;

/** Rules every hook kind shares: selector count, message, tags, argument options. */
final class HookCommonRules {
    private HookCommonRules() {}

    static void check(Policy policy, Hook hook) {
        List<MappingNode> selectors = Tree.maps(hook.node(), "selectors");
        if (selectors.size() > 5) {
            policy.findings.add(SemanticRule.TOO_MANY_SELECTORS, selectors.get(5).span(),
                    hook.label() + " has " + selectors.size() + " selectors (\"no more than 5 selectors supported (" + selectors.size() + " provided)\")",
                    "use at most 5 selectors per hook; merge selectors or hook the function twice with kprobe_multi disabled");
        }
        message(policy, hook);
        tags(policy, hook);
        ArgRules.common(policy, hook);
    }

    private static void message(Policy policy, Hook hook) {
        Optional<ScalarNode> m = Tree.scalar(hook.node(), "message");
        if (m.isEmpty()) {
            return;
        }
        int len = Values.goLength(Tree.string(m.get()));
        if (len == 1) {
            policy.findings.add(SemanticRule.MESSAGE_TOO_SHORT, m.get().span(), "the message has one character (\"message field is too short\")",
                    "write a message of at least two characters, or none");
        } else if (len > 256) {
            policy.findings.add(LintRule.MESSAGE_TRUNCATED, m.get().span(), "the message has " + len + " bytes; Tetragon keeps the first 256",
                    "shorten the message to 256 bytes (UTF-8)");
        }
    }

    private static void tags(Policy policy, Hook hook) {
        List<ScalarNode> tags = Tree.scalars(hook.node(), "tags");
        for (int i = 0; i < tags.size(); i++) {
            String t = Tree.string(tags.get(i));
            int len = Values.goLength(t);
            if (len < 2) {
                policy.findings.add(SemanticRule.TAG_TOO_SHORT, tags.get(i).span(),
                        "tag '" + t + "' is shorter than two bytes (\"custom tag n" + i + ": too short\")", "use tags of 2 to 128 bytes (UTF-8)");
            } else if (len > 128) {
                policy.findings.add(LintRule.TAG_TRUNCATED, tags.get(i).span(), "the tag has " + len + " bytes; Tetragon keeps the first 128",
                        "shorten the tag to 128 bytes (UTF-8)");
            }
        }
    }
}
