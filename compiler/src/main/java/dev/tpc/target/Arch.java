package dev.tpc.target;

import java.util.Locale;
import java.util.Optional;

/** The CPU architectures whose syscall conventions and attach rules tpc models. */
public enum Arch {
    X86_64("x86_64", "__x64_"),
    ARM64("arm64", "__arm64_");

    private final String id;
    private final String syscallPrefix;

    Arch(String id, String syscallPrefix) {
        this.id = id;
        this.syscallPrefix = syscallPrefix;
    }

    public String id() {
        return id;
    }

    /** The prefix the kernel puts before syscall wrapper symbols, e.g. {@code __x64_}. */
    public String syscallPrefix() {
        return syscallPrefix;
    }

    public static Optional<Arch> parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "x86_64", "amd64", "x86-64" -> Optional.of(X86_64);
            case "arm64", "aarch64" -> Optional.of(ARM64);
            default -> Optional.empty();
        };
    }
}
