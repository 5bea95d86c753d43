package dev.tpc.runtime.bundle;

/** A verified bundle that the runtime cannot load here: wrong target, or something tpc's runtime cannot do yet. */
public final class BundlePlanException extends Exception {
    private static final long serialVersionUID = 1L;

    public BundlePlanException(String message) {
        super(message);
    }
}
