package dev.tpc.diag;

import java.util.List;

/** The enums that declare rules. A new family of rules is added here and nowhere else. */
final class RuleFamilies {
    private RuleFamilies() {}

    static final List<Class<? extends Rule>> FAMILIES = List.of(
            InputRule.class,
            SchemaRule.class,
            CelRule.class,
            ProfileRule.class,
            SemanticRule.class,
            TargetRule.class,
            LintRule.class,
            BundleRule.class);
}
