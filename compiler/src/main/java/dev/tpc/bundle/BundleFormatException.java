package dev.tpc.bundle;

/** A file is not a valid tpc bundle: damaged, modified, or of an unknown format version. */
public final class BundleFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public BundleFormatException(String message) {
        super(message);
    }
}
