package dev.tpc.api;

/**
 * The request itself is wrong (a path that does not exist, an unknown target): a usage mistake,
 * not a finding about a policy. Front ends report it and exit with status 2.
 */
public final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
