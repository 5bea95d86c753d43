package dev.tpc.buildtools.abi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line entry point run by the build:
 * {@code AbiGenerator --abi <template-abi.json> [--c-header <tpc_abi.h>] [--java-dir <generated-sources>]}.
 * Writes a file only when its content changes, so incremental builds stay quiet.
 */
public final class AbiGenerator {

    private AbiGenerator() {}

    public static void main(String[] args) throws IOException {
        Path abi = null;
        Path header = null;
        Path javaDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--abi" -> abi = Path.of(args[i + 1]);
                case "--c-header" -> header = Path.of(args[i + 1]);
                case "--java-dir" -> javaDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (abi == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: --abi FILE [--c-header FILE] [--java-dir DIR]");
        }
        AbiModel model = AbiReader.read(abi);
        String sourceName = "bpf-templates/abi/" + abi.getFileName();
        if (header != null) {
            writeIfChanged(header, CHeaderGenerator.render(model, sourceName));
        }
        if (javaDir != null) {
            String java = JavaConstantsGenerator.render(model, sourceName).toString();
            Path target = javaDir.resolve(JavaConstantsGenerator.PACKAGE.replace('.', '/'))
                    .resolve(JavaConstantsGenerator.CLASS + ".java");
            writeIfChanged(target, java);
        }
    }

    static void writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
    }
}
