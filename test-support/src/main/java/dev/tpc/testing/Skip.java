package dev.tpc.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a test that cannot run here stops: with the reason printed and the test reported skipped,
 * unless the run requires that kind of precondition ({@code -Dtpc.require=root,bpf,shared,kernels},
 * set by the CI test command): then the skip is a failure that says what was missing, so a CI run
 * without root, without {@code ../shared} or without the kernels cannot pass with those tests
 * silently skipped.
 */
public final class Skip {
    /** The property naming the kinds of skip that fail instead. */
    public static final String REQUIRE = "tpc.require";

    private Skip() {
    }

    /** What a test lacked. Only the kinds a CI machine must have can be required. */
    public enum Kind {
        /** root, or the capabilities to load BPF programs */
        ROOT,
        /** libbpf, the BPF templates or the test's BPF objects and C helpers, the BPF facilities of the kernel */
        BPF,
        /** {@code ../shared}: Tetragon's corpus, schemas and reference data */
        SHARED,
        /** qemu, busybox, apt, the Debian kernels and the mirror to fetch them */
        KERNELS,
        /** a Docker engine */
        DOCKER,
        /** a fact of this kernel or machine that CI cannot require (a helper Debian kernels lack, a tool) */
        ENVIRONMENT;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Skips (or, when {@code kind} is required, fails) the running test. */
    public static <T> T because(Kind kind, String reason) {
        String line = "[" + kind.id() + "] " + reason;
        if (required().contains(kind) && kind != Kind.ENVIRONMENT) {
            System.out.println("REQUIRED BUT MISSING: " + line);
            fail("-D" + REQUIRE + "=" + System.getProperty(REQUIRE) + " requires " + kind.id() + ", and it is missing: "
                    + reason);
        }
        System.out.println("SKIPPED: " + line);
        abort(line);
        return null;
    }

    static Set<Kind> required() {
        String value = System.getProperty(REQUIRE, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Kind.valueOf(s.toUpperCase(Locale.ROOT))).collect(Collectors.toUnmodifiableSet());
    }
}
