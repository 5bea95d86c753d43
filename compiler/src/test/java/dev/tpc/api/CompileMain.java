package dev.tpc.api;

import dev.tpc.target.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test helper run in a separate JVM (another time zone, locale, directory or user): compiles the
 * given policies for every named target into {@code args[0]} and prints one line per bundle,
 * {@code <sha256> <file name>}.
 */
public final class CompileMain {
    private CompileMain() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        CompileReport r = Tpc.compile(new CompileRequest(inputs, List.of(), Arch.X86_64, out, List.of(), false,
                Optional.empty(), Path.of("")));
        for (CompiledBundle b : r.bundles()) {
            System.out.println(b.sha256() + " " + b.file().getFileName());
        }
    }
}
