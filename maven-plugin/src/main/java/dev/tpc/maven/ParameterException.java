package dev.tpc.maven;

import java.util.Optional;

/**
 * A parameter value tpc cannot use. The mojo turns it into a {@code MojoExecutionException}
 * (a configuration mistake, not a finding about a policy).
 */
final class ParameterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient PluginParameter parameter;

    ParameterException(PluginParameter parameter, String problem) {
        super("Invalid " + parameter.describe() + " in the tpc-maven-plugin configuration: " + problem);
        this.parameter = parameter;
    }

    /** A problem the request as a whole has, when no single parameter can be blamed. */
    ParameterException(String problem) {
        super("Invalid tpc-maven-plugin configuration: " + problem);
        this.parameter = null;
    }

    /** The parameter to change; empty when the problem could not be pinned on one. */
    Optional<PluginParameter> parameter() {
        return Optional.ofNullable(parameter);
    }
}
