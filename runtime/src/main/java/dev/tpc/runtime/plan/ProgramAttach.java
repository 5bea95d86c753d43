package dev.tpc.runtime.plan;

/** One program of a template object and where it attaches. */
public record ProgramAttach(String program, Attach attach) {
    public ProgramAttach {
        if (program == null || program.isBlank() || attach == null) {
            throw new IllegalArgumentException("a program name and an attach target are required");
        }
    }
}
