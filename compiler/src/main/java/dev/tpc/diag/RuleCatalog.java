package dev.tpc.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every rule tpc knows, by code. The single list behind {@code tpc rules}, SARIF and the docs. */
public final class RuleCatalog {
    private static final Map<String, Rule> BY_CODE = index();

    private RuleCatalog() {}

    private static Map<String, Rule> index() {
        List<Rule> all = new ArrayList<>();
        for (Class<? extends Rule> family : RuleFamilies.FAMILIES) {
            Collections.addAll(all, family.getEnumConstants());
        }
        all.sort(Comparator.comparing(Rule::code));
        Map<String, Rule> byCode = new LinkedHashMap<>();
        for (Rule r : all) {
            Rule previous = byCode.putIfAbsent(r.code(), r);
            if (previous != null) {
                throw new IllegalStateException("duplicate rule code " + r.code() + ": " + previous + " and " + r);
            }
        }
        return Collections.unmodifiableMap(byCode);
    }

    public static List<Rule> all() {
        return List.copyOf(BY_CODE.values());
    }

    public static Optional<Rule> find(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
