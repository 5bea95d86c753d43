package dev.tpc.validate.schema;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.tpc.diag.CelRule;
import dev.tpc.diag.Diagnostic;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Layer b: the CRD's CEL rules ({@code x-kubernetes-validations}), evaluated with CEL-Java on
 * the defaulted tree. {@code self} is the object at the rule's schema node, as a CEL map: a
 * field that is absent or null is not there, so {@code has(self.f)} is false for it, as for a
 * pruned Kubernetes object. A rule that cannot be evaluated because a value has the wrong type
 * reports nothing: the schema check has already reported that value.
 */
final class CelCheck {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Map<String, Compiled> PROGRAMS = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SELF_FIELD = java.util.regex.Pattern.compile("\\bself\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private CelCheck() {}

    /** Evaluates {@code expression} on {@code self}; null when it cannot be evaluated. */
    static Boolean evaluate(String expression, YamlNode self) {
        Compiled compiled = PROGRAMS.computeIfAbsent(expression, CelCheck::compile);
        if (compiled.holdsWithout(self)) {
            return true;
        }
        return run(compiled.program(), self);
    }

    /** As {@link #evaluate}, always running the program (for tests of the shortcut). */
    static Boolean evaluateWithoutShortcut(String expression, YamlNode self) {
        return run(PROGRAMS.computeIfAbsent(expression, CelCheck::compile).program(), self);
    }

    private static Boolean run(CelRuntime.Program program, YamlNode self) {
        try {
            Object result = program.eval(Map.of("self", value(self)));
            return result instanceof Boolean b ? b : null;
        } catch (CelEvaluationException | RuntimeException e) {
            return null;
        }
    }

    /** The finding for a failed rule at {@code object}, or null when the rule holds or cannot be evaluated. */
    static Diagnostic check(String expression, String message, MappingNode object, FieldPath path) {
        CelRule rule = CelRule.forExpression(expression);
        if (rule == null) {
            throw new IllegalStateException("tpc's schema has a CEL rule without a code: " + expression);
        }
        Boolean holds = evaluate(expression, object);
        if (holds == null || holds) {
            return null;
        }
        return rule.at(object.span(), message, hint(rule, object, path));
    }

    private static String hint(CelRule rule, MappingNode object, FieldPath path) {
        String where = path.isRoot() ? "the resource" : path.toString();
        return switch (rule) {
            case RETURN_ARG_REQUIRED -> "add a returnArg (e.g. {index: 0, type: int}) to " + where + " or drop return: true";
            case UPROBE_ONE_ADDRESSING -> "keep only one of symbols, addrs and offsets in " + where;
            case OVERRIDE_ONE_TARGET -> "keep only one of argNewSymbol, argNewAddr and argNewOffset in " + where;
            case HOST_SELECTOR_NOT_EMPTY -> "write hostSelector: {} or remove it (" + where + ")";
            case NAMESPACED_HOST_SELECTOR -> "remove spec.hostSelector (line "
                    + object.get("spec").filter(MappingNode.class::isInstance)
                            .map(s -> ((MappingNode) s).keySpan("hostSelector").line()).orElse(0)
                    + ") or make the policy a cluster-wide TracingPolicy";
        };
    }

    /**
     * A compiled rule, with the top-level fields of {@code self} it reads and whether it holds on
     * an object that has none of them. A rule reads {@code self} only through {@code self.FIELD},
     * so on an object without any of those fields it has the value it has on {@code {}}: when that
     * is true, evaluating it again can be skipped. Most objects lack the rule's fields (a kprobe
     * without return), so this saves most CEL evaluations without changing any verdict.
     */
    private record Compiled(CelRuntime.Program program, java.util.Set<String> fields, boolean holdsOnEmpty) {
        boolean holdsWithout(YamlNode self) {
            if (!holdsOnEmpty || !(self instanceof MappingNode m)) {
                return false;
            }
            for (String f : fields) {
                if (m.get(f).filter(v -> !(v instanceof ScalarNode s && s.isNull())).isPresent()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Compiled compile(String expression) {
        CelRuntime.Program program;
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            program = RUNTIME.createProgram(ast);
        } catch (dev.cel.common.CelException e) {
            throw new IllegalStateException("tpc's schema has a CEL rule that does not compile: " + expression, e);
        }
        java.util.Set<String> fields = new java.util.HashSet<>();
        java.util.regex.Matcher m = SELF_FIELD.matcher(expression);
        while (m.find()) {
            fields.add(m.group(1));
        }
        boolean holdsOnEmpty = Boolean.TRUE.equals(runOnEmpty(program));
        return new Compiled(program, java.util.Set.copyOf(fields), holdsOnEmpty);
    }

    private static Boolean runOnEmpty(CelRuntime.Program program) {
        try {
            return program.eval(Map.of("self", Map.of())) instanceof Boolean b ? b : null;
        } catch (CelEvaluationException | RuntimeException e) {
            return null;
        }
    }

    /** The YAML as CEL sees it: maps without null fields, lists, int, uint, double, bool, string. */
    static Object value(YamlNode node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (MappingNode.Entry e : m.entries()) {
                if (!(e.value() instanceof ScalarNode s && s.isNull())) {
                    out.put(e.name(), value(e.value()));
                }
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>(s.items().size());
            for (YamlNode i : s.items()) {
                Object v = value(i);
                out.add(v == null ? dev.cel.common.values.NullValue.NULL_VALUE : v);
            }
            return out;
        }
        Object v = ((ScalarNode) node).value();
        if (v instanceof BigInteger b) {
            return b.signum() >= 0 && b.compareTo(UINT64_MAX) <= 0 ? UnsignedLong.valueOf(b) : b.doubleValue();
        }
        return v;
    }
}
