package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.util.List;

/**
 * One condition on a field of an event's Tetragon JSON, e.g. {@code args[1].string_arg == "/etc/shadow"}.
 *
 * @param path     the field below the event's kind object, as written ({@code process.binary},
 *                 {@code args[0].file_arg.path}), and split into names and indexes
 * @param expected for {@link Op#MATCHES} a regular expression (checked when parsed); {@code ${scratch}}
 *                 in a text value is expanded when the step runs
 */
public record FieldMatch(String path, List<PathElement> elements, Op op, Value expected, SourceSpan span) {
    public FieldMatch {
        elements = List.copyOf(elements);
    }

    /** A step of a field path: an object member or an array index. */
    public sealed interface PathElement {
        record Member(String name) implements PathElement {
        }

        record Index(int index) implements PathElement {
        }
    }

    /** How the field is compared with the expected value. */
    public enum Op {
        /** {@code ==}: same text, or same number when both are numbers. */
        EQ("=="),
        /** {@code !=}: absent, or not {@link #EQ}. */
        NE("!="),
        /** {@code startswith} */
        PREFIX("startswith"),
        /** {@code endswith} */
        SUFFIX("endswith"),
        /** {@code contains} */
        CONTAINS("contains"),
        /** {@code matches}: the whole text matches the regular expression */
        MATCHES("matches"),
        LT("<"), LE("<="), GT(">"), GE(">="),
        /** {@code exists}: the field is present (the expected value is ignored) */
        EXISTS("exists");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** An expected value. */
    public sealed interface Value {
        record Text(String value) implements Value {
        }

        /** An integer, written in any base. */
        record Number(long value) implements Value {
        }

        record Bool(boolean value) implements Value {
        }

        /** No value ({@link Op#EXISTS}). */
        record None() implements Value {
        }
    }
}
