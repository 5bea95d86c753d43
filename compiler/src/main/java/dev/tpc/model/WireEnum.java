package dev.tpc.model;

/** An enum of the model; {@link #wire()} is the spelling used in YAML and in Tetragon. */
public interface WireEnum {
    String wire();
}
