package dev.tpc.cli.spi;

import java.util.List;

/**
 * Verbs of the {@code tpc} command that live outside its core module, found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.tpc.cli.spi.VerbProvider}
 * entry). The core verbs (check, compile, explain, rules) need no native code and no BPF objects;
 * the verbs that load programs into a kernel (run, probe, doctor, and later test and vmtest) come
 * from a provider, so that the core can be built and run without them and never loads their
 * classes.
 *
 * <p>{@code tpc} asks for providers only when the verb on its command line is not a core verb (or
 * for {@code tpc help} and the usage), so implementations must be cheap to construct and must not
 * touch native code before one of their commands is called.
 */
public interface VerbProvider {
    /**
     * The verbs, as picocli command objects (classes annotated with {@code @Command}), in the order
     * {@code tpc --help} lists them. Each call returns new instances.
     */
    List<Object> commands();
}
