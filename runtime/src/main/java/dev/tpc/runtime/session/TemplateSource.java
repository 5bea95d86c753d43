package dev.tpc.runtime.session;

import dev.tpc.runtime.plan.TemplateRef;
import java.io.IOException;
import java.io.InputStream;

/** Where the ELF bytes of a template come from. */
@FunctionalInterface
public interface TemplateSource {

    byte[] object(TemplateRef ref) throws IOException;

    /**
     * Templates packaged as class-path resources {@code <prefix><name>[_<variant>].bpf.o}, the way
     * the bpf-templates module ships them.
     */
    static TemplateSource classpath(ClassLoader loader, String prefix) {
        return ref -> {
            String file = ref.variant().isEmpty() ? ref.name() : ref.name() + "_" + ref.variant();
            String resource = prefix + file + ".bpf.o";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no BPF template " + ref + " (class-path resource " + resource + ")");
                }
                return in.readAllBytes();
            }
        };
    }
}
