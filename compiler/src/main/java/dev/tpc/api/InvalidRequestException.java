package dev.tpc.api;

import java.util.Objects;

/**
 * The request itself is wrong (a path that does not exist, an unknown target): a usage mistake,
 * not a finding about a policy. Front ends report it and exit with status 2; {@link #field()}
 * says which part of the request to change, so that a front end can name its own option or
 * parameter for it without reading the message.
 */
public final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The request component a mistake is about (the names of the request records' components). */
    public enum Field {
        /** {@code inputs}: the policy files and directories. */
        INPUTS("inputs"),
        /** {@code targets}: target names and profile files. */
        TARGETS("targets"),
        /** {@code tracepointFormats}: tracefs format files. */
        TRACEPOINT_FORMATS("tracepointFormats"),
        /** {@code baseline}: the file of known findings. */
        BASELINE("baseline"),
        /** {@code outputDirectory}: where bundles are written. */
        OUTPUT_DIRECTORY("outputDirectory"),
        /** {@code file}: the bundle or policy {@code tpc explain} reads. */
        FILE("file");

        private final String component;

        Field(String component) {
            this.component = component;
        }

        /** The request record's component, e.g. {@code outputDirectory}. */
        public String component() {
            return component;
        }
    }

    private final Field field;

    public InvalidRequestException(Field field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public Field field() {
        return field;
    }
}
