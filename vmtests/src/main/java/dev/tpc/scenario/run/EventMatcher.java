package dev.tpc.scenario.run;

import dev.tpc.scenario.model.Expectation;
import dev.tpc.scenario.model.FieldMatch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Holds event expectations against events as Tetragon's JSON prints them: a field path below the
 * event's kind object ({@code process_kprobe}, ...), compared with the expected value.
 */
final class EventMatcher {
    private final String scratch;

    /** @param scratch what {@code ${scratch}} in an expected text stands for */
    EventMatcher(String scratch) {
        this.scratch = scratch;
    }

    /** The events (whole JSON objects) of {@code expectation.kind()} whose fields all hold. */
    List<JsonNode> matching(Expectation.Event expectation, List<JsonNode> events) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode body = e.path(expectation.kind());
            if (body.isMissingNode() || body.isNull()) {
                continue;
            }
            if (expectation.fields().stream().allMatch(f -> holds(f, body))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The condition of {@code f} that fails on the closest candidate among {@code events} (the one
     * with the most conditions holding), for a failure report; empty when no event of that kind came.
     */
    Optional<String> nearestMiss(Expectation.Event expectation, List<JsonNode> events) {
        FieldMatch worst = null;
        String actual = null;
        int best = -1;
        for (JsonNode e : events) {
            JsonNode body = e.path(expectation.kind());
            if (body.isMissingNode() || body.isNull()) {
                continue;
            }
            int holding = 0;
            FieldMatch firstFailing = null;
            for (FieldMatch f : expectation.fields()) {
                if (holds(f, body)) {
                    holding++;
                } else if (firstFailing == null) {
                    firstFailing = f;
                }
            }
            if (firstFailing != null && holding > best) {
                best = holding;
                worst = firstFailing;
                JsonNode v = field(body, firstFailing);
                actual = v.isMissingNode() ? "absent" : v.toString();
            }
        }
        return worst == null ? Optional.empty()
                : Optional.of(worst.path() + " " + worst.op().symbol() + " " + render(worst.expected()) + " (it is " + actual + ")");
    }

    boolean holds(FieldMatch f, JsonNode body) {
        JsonNode v = field(body, f);
        boolean present = !v.isMissingNode() && !v.isNull();
        return switch (f.op()) {
            case EXISTS -> present;
            case EQ -> present && equal(v, f.expected());
            case NE -> !present || !equal(v, f.expected());
            case PREFIX -> present && text(v).startsWith(expectedText(f.expected()));
            case SUFFIX -> present && text(v).endsWith(expectedText(f.expected()));
            case CONTAINS -> present && text(v).contains(expectedText(f.expected()));
            case MATCHES -> present && Pattern.compile(expectedText(f.expected())).matcher(text(v)).matches();
            case LT, LE, GT, GE -> present && compare(v, f.expected()).map(c -> switch (f.op()) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                default -> c >= 0;
            }).orElse(false);
        };
    }

    private static JsonNode field(JsonNode body, FieldMatch f) {
        JsonNode at = body;
        for (FieldMatch.PathElement p : f.elements()) {
            if (p instanceof FieldMatch.PathElement.Member m) {
                at = at.path(m.name());
            } else if (p instanceof FieldMatch.PathElement.Index i) {
                at = at.path(i.index());
            }
        }
        return at;
    }

    private boolean equal(JsonNode v, FieldMatch.Value expected) {
        if (expected instanceof FieldMatch.Value.Number n) {
            return number(v).map(x -> x.equals(BigInteger.valueOf(n.value()))).orElse(false);
        }
        if (expected instanceof FieldMatch.Value.Bool b) {
            return v.isBoolean() ? v.booleanValue() == b.value() : text(v).equals(Boolean.toString(b.value()));
        }
        return text(v).equals(expectedText(expected));
    }

    private static Optional<Integer> compare(JsonNode v, FieldMatch.Value expected) {
        if (!(expected instanceof FieldMatch.Value.Number n)) {
            return Optional.empty();
        }
        return number(v).map(x -> x.compareTo(BigInteger.valueOf(n.value())));
    }

    /** A JSON number, or a string holding a decimal integer (protobuf's JSON prints 64-bit integers as strings). */
    private static Optional<BigInteger> number(JsonNode v) {
        if (v.isIntegralNumber()) {
            return Optional.of(v.bigIntegerValue());
        }
        if (v.isString()) {
            try {
                return Optional.of(new BigInteger(v.stringValue().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode v) {
        return v.isString() ? v.stringValue() : v.toString();
    }

    private String expectedText(FieldMatch.Value expected) {
        if (expected instanceof FieldMatch.Value.Text t) {
            return t.value().replace("${scratch}", scratch);
        }
        if (expected instanceof FieldMatch.Value.Number n) {
            return Long.toString(n.value());
        }
        if (expected instanceof FieldMatch.Value.Bool b) {
            return Boolean.toString(b.value());
        }
        return "";
    }

    static String render(FieldMatch.Value v) {
        if (v instanceof FieldMatch.Value.Text t) {
            return '"' + t.value() + '"';
        }
        if (v instanceof FieldMatch.Value.Number n) {
            return Long.toString(n.value());
        }
        if (v instanceof FieldMatch.Value.Bool b) {
            return Boolean.toString(b.value());
        }
        return "";
    }
}
