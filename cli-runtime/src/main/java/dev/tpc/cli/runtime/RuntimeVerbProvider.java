package dev.tpc.cli.runtime;

import dev.tpc.cli.spi.VerbProvider;
import java.util.List;

/**
 * The verbs that load BPF programs into the running kernel: run, probe, doctor, test, vmtest. Constructing
 * their command objects touches no runtime class; each reaches the runtime only from its
 * {@code call()}.
 */
public final class RuntimeVerbProvider implements VerbProvider {
    @Override
    public List<Object> commands() {
        return List.of(new RunCommand(), new ProbeCommand(), new DoctorCommand(), new TestCommand(),
                new VmtestCommand());
    }
}
