package dev.tpc.diag;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of Tetragon's CRD (codes TP2xxx). Each code
 * is tied to the exact rule expression in the schema; the finding's message is the rule's
 * message, as Tetragon prints it.
 */
public enum CelRule implements Rule {
    RETURN_ARG_REQUIRED("TP2001", "A probe with return: true has no returnArg.",
            "!has(self.return) || (!self.return || has(self.returnArg))"),
    UPROBE_ONE_ADDRESSING("TP2002", "A uprobe sets more than one of symbols, addrs and offsets.",
            "!(has(self.symbols) && has(self.addrs)) && !(has(self.symbols) && has(self.offsets)) && !(has(self.addrs) && has(self.offsets))"),
    OVERRIDE_ONE_TARGET("TP2003", "An action sets more than one of argNewSymbol, argNewAddr and argNewOffset.",
            "!(has(self.argNewSymbol) && has(self.argNewAddr)) && !(has(self.argNewSymbol) && has(self.argNewOffset)) && !(has(self.argNewAddr) && has(self.argNewOffset))"),
    HOST_SELECTOR_NOT_EMPTY("TP2004", "A hostSelector has labels or expressions; it may only be absent or {}.",
            "!has(self.matchLabels) && !has(self.matchExpressions)"),
    NAMESPACED_HOST_SELECTOR("TP2005", "A TracingPolicyNamespaced sets spec.hostSelector.",
            "!has(self.spec.hostSelector)");

    private final String code;
    private final String summary;
    private final String expression;

    CelRule(String code, String summary, String expression) {
        this.code = code;
        this.summary = summary;
        this.expression = expression;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public String summary() { return summary; }

    /** The rule as written in the schema. */
    public String expression() {
        return expression;
    }

    /** The rule whose expression is {@code expression}, or null. */
    public static CelRule forExpression(String expression) {
        for (CelRule r : values()) {
            if (r.expression.equals(expression)) {
                return r;
            }
        }
        return null;
    }
}
