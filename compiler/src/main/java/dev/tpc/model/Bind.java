package dev.tpc.model;

import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lenient conversions used by the generated binders. The schema layer has already reported any
 * value of the wrong type, so here a wrong value simply becomes absent (null, or left out of a
 * list or map) and binding never throws.
 */
final class Bind {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Bind() {}

    static YamlNode field(MappingNode node, String name) {
        return node.get(name).orElse(null);
    }

    static boolean isAbsent(YamlNode node) {
        return node == null || (node instanceof ScalarNode s && s.isNull());
    }

    /** The node if it is a mapping; otherwise an empty mapping at the node's place. */
    static MappingNode mapping(YamlNode node) {
        return node instanceof MappingNode m ? m : new MappingNode(List.of(), node.span());
    }

    static String string(YamlNode node) {
        return node instanceof ScalarNode s && s.value() instanceof String text ? text : null;
    }

    static Boolean bool(YamlNode node) {
        return node instanceof ScalarNode s && s.value() instanceof Boolean b ? b : null;
    }

    /** A signed 64-bit value, or null (also for values that only fit an unsigned 64-bit integer). */
    static Long int64(YamlNode node) {
        if (node instanceof ScalarNode s) {
            if (s.value() instanceof Long l) {
                return l;
            }
            if (s.value() instanceof BigInteger b && b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
                return b.longValue();
            }
        }
        return null;
    }

    static BigInteger uint64(YamlNode node) {
        if (node instanceof ScalarNode s) {
            if (s.value() instanceof Long l) {
                return BigInteger.valueOf(l);
            }
            if (s.value() instanceof BigInteger b) {
                return b;
            }
        }
        return null;
    }

    static <E> E enumOf(YamlNode node, Function<String, E> fromWire) {
        String text = string(node);
        return text == null ? null : fromWire.apply(text);
    }

    /** The bound items of a sequence, leaving out those that do not bind; empty when absent. */
    static <T> List<T> list(YamlNode node, Function<YamlNode, T> item) {
        if (!(node instanceof SequenceNode seq)) {
            return List.of();
        }
        List<T> out = new ArrayList<>(seq.items().size());
        for (YamlNode n : seq.items()) {
            T value = item.apply(n);
            if (value != null) {
                out.add(value);
            }
        }
        return List.copyOf(out);
    }

    /** The bound values of a mapping, in file order; empty when absent. */
    static <T> Map<String, T> map(YamlNode node, Function<YamlNode, T> value) {
        if (!(node instanceof MappingNode m)) {
            return Map.of();
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (MappingNode.Entry e : m.entries()) {
            T v = value.apply(e.value());
            if (v != null) {
                out.put(e.name(), v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    static <T> List<T> immutable(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <T> Map<String, T> immutable(Map<String, T> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
