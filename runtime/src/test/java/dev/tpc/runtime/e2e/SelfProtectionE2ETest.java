package dev.tpc.runtime.e2e;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.probe.HostTgid;
import dev.tpc.runtime.session.SessionOptions;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.RandomAccessFile;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The runtime never signals its own process ({@code tpc_cfg.self_tgid}, filled by the runtime):
 * the event is reported and flagged, the action is not carried out.
 */
class SelfProtectionE2ETest {
    private static final int SIGKILL = 9;
    private static final long MAGIC_OFFSET = 0x7e2e0001L;

    @Test
    void theProtectedProcessIsReportedNotKilled(@TempDir Path dir) throws Exception {
        // the protected process is a tester here, so that a broken protection costs a tester, not the JVM
        Tester tester = Tester.copyTo(dir, "tester");
        Tester.Child protectedOne = tester.startWaiting("lseek", "-1", "0", "6501");
        Tester.Child other = tester.startWaiting("lseek", "-1", "0", "6501");
        String yaml = ActionsE2ETest.policy("e2e-self", "", ActionsE2ETest.selector(tester.path(), "6501", "- action: Sigkill"));
        try (LivePolicy live = LivePolicy.load(dir, yaml, protectedOne.pid())) {
            protectedOne.go();
            other.go();
            protectedOne.await();
            other.await();
            live.awaitExit(protectedOne.pid());
            live.awaitExit(other.pid());
            assertTrue(protectedOne.finishedNormally(), protectedOne.describe());
            List<JsonNode> reported = live.hookEvents(protectedOne.pid());
            assertEquals(1, reported.size(), live.output());
            assertEquals("KPROBE_ACTION_SIGKILL", reported.get(0).path("action").asString());
            assertEquals(1, live.run().stats().selfProtected(), "the event carries the self flag");
            assertTrue(other.killedBy(SIGKILL), "the same policy kills an unprotected process: " + other.describe());
        }
    }

    /**
     * The default protection is this JVM, as the kernel numbers it. The JVM seeks to a magic offset
     * under a policy that would send it SIGURG (ignored by default, harmless either way); with the
     * default it is reported only, with the protection off the signal arrives.
     */
    @Test
    void theRuntimeItselfByDefault(@TempDir Path dir) throws Exception {
        int self = HostTgid.of(BpfTestSupport.requireBpf());
        String yaml = """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: e2e-self-jvm
                spec:
                  tracepoints:
                  - subsystem: "syscalls"
                    event: "sys_enter_lseek"
                    args:
                    - index: 6
                      type: "int64"
                    selectors:
                    - matchPIDs:
                      - operator: "In"
                        followForks: false
                        values: [%d]
                      matchArgs:
                      - index: 6
                        operator: "Equal"
                        values: ["%d"]
                      matchActions:
                      - action: Signal
                        argSig: 23
                """.formatted(self, MAGIC_OFFSET);
        AtomicInteger received = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(1);
        try (AutoCloseable handler = onSigurg(() -> {
            received.incrementAndGet();
            arrived.countDown();
        })) {
            try (LivePolicy live = LivePolicy.load(dir, yaml)) {
                seekToMagic(dir);
                JsonNode event = awaitHook(live, self);
                assertEquals("KPROBE_ACTION_SIGNAL", event.path("action").asString());
                assertEquals(1, live.run().stats().selfProtected(), live.output());
            }
            try (LivePolicy live = LivePolicy.load(dir, yaml, SessionOptions.NONE)) {
                seekToMagic(dir);
                awaitHook(live, self);
                assertEquals(0, live.run().stats().selfProtected());
                assertTrue(arrived.await(10, TimeUnit.SECONDS), "without protection the signal arrives");
            }
            // had the protected run sent its SIGURG too, it would have arrived long before the second
            assertEquals(1, received.get(), "only the unprotected run signalled this JVM");
        }
    }

    private static void seekToMagic(Path dir) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("seek-me").toFile(), "rw")) {
            f.seek(MAGIC_OFFSET);
        }
    }

    private static JsonNode awaitHook(LivePolicy live, int pid) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<JsonNode> hooks = live.hookEvents(pid);
            if (!hooks.isEmpty()) {
                return hooks.get(0);
            }
            live.pollOnce();
        }
        throw new AssertionError("no event for this JVM's lseek in:\n" + live.output());
    }

    /** A SIGURG handler (sun.misc.Signal, through reflection); skips the test where the JDK has none. */
    private static AutoCloseable onSigurg(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handler);
            Object urg = signal.getConstructor(String.class).newInstance("URG");
            Object proxy = Proxy.newProxyInstance(SelfProtectionE2ETest.class.getClassLoader(), new Class<?>[] {handler},
                    (p, m, args) -> {
                        if (m.getName().equals("handle")) {
                            action.run();
                        }
                        return m.getName().equals("equals") ? (Object) (p == args[0])
                                : m.getName().equals("hashCode") ? (Object) System.identityHashCode(p) : null;
                    });
            Object previous = handle.invoke(null, urg, proxy);
            return () -> handle.invoke(null, urg, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return BpfTestSupport.skip(Skip.Kind.ENVIRONMENT, "cannot handle SIGURG in this JVM: " + e);
        }
    }
}
