package dev.tpc.runtime.session;

import dev.tpc.runtime.plan.TemplateRef;
import java.io.IOException;

/** Where the ELF bytes of a template come from ({@link Templates#bundled()} for tpc's own). */
@FunctionalInterface
public interface TemplateSource {

    byte[] object(TemplateRef ref) throws IOException;
}
