package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.events.Event;
import dev.tpc.runtime.host.HostPlans;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.session.AttachedPolicy;
import dev.tpc.runtime.session.SessionOptions;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.session.TracingSession;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tracing session, policies attached and detached one after another while the exec tracker
 * stays: what the scenario runner does. Events arrive typed; awaitExit is the barrier; a detached
 * policy leaves no program, map or link in the kernel and no longer sees anything.
 */
class TracingSessionTest {
    private static final int SIGKILL = 9;

    private static LoadPlan plan(Path dir, String yaml) throws Exception {
        Path policy = dir.resolve("policy-" + System.nanoTime() + ".yaml");
        Files.writeString(policy, yaml, StandardCharsets.UTF_8);
        Path work = Files.createDirectories(dir.resolve("work-" + System.nanoTime()));
        HostPlans.Outcome outcome = HostPlans.prepare(new HostPlans.Request(List.of(policy), Optional.empty(), work, dir));
        assertTrue(outcome.ready(), () -> outcome.refusal().orElse("") + "\n" + yaml);
        return Templates.combine(outcome.policies().stream().map(HostPlans.Policy::plan).toList());
    }

    private static List<Event.Hook> hooksOf(List<Event> events, int pid) {
        List<Event.Hook> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.Hook h && h.process().pid() == pid) {
                out.add(h);
            }
        }
        return out;
    }

    @Test
    void policiesComeAndGoWhileTheTrackerStays(@TempDir Path dir) throws Exception {
        BpfTestSupport.requireBpf();
        Tester watched = Tester.copyTo(dir, "tester-watched");
        Tester enforced = Tester.copyTo(dir, "tester-enforced");
        List<Event> events = new ArrayList<>();
        try (TracingSession session = TpcRuntime.openTracing(SessionOptions.of(Templates.bundled()))) {
            session.addListener(events::add);

            // a policy that reports the watched tester's openat
            AttachedPolicy first = session.attach(plan(dir, StringFiltersE2ETest.policy("session-post", watched.path(),
                    "Equal", "/nonexistent/first").replace("action: Sigkill", "action: Post")));
            Tester.Child a = watched.run("openat", "/nonexistent/first");
            Optional<Event.Exit> aExit = session.awaitExit(a.pid(), Duration.ofSeconds(30));
            assertTrue(aExit.isPresent(), "no exit of " + a.describe());
            List<Event.Hook> aHooks = hooksOf(events, a.pid());
            assertEquals(1, aHooks.size(), events.toString());
            assertEquals("session-post", aHooks.get(0).hook().policyName());
            assertFalse(first.kernelObjects().stillInKernel(1).isEmpty(), "an attached policy's objects are in the kernel");
            first.close();
            assertEquals(List.of(), first.kernelObjects().stillInKernel(40), "objects of the detached policy");
            assertFalse(first.kernelObjects().programs().isEmpty(), "the policy's programs were recorded");

            // the tracker still reports processes while no policy is attached
            Tester.Child between = watched.run("openat", "/nonexistent/first");
            assertTrue(session.awaitExit(between.pid(), Duration.ofSeconds(30)).isPresent(), "no exit while detached");
            assertEquals(List.of(), hooksOf(events, between.pid()), "a detached policy saw a call");
            assertTrue(events.stream().anyMatch(e -> e instanceof Event.Exec x && x.process().pid() == between.pid()),
                    "no exec event of a process started between policies");

            // a second, enforcing policy in the same session: its hooks get ids of their own
            AttachedPolicy second = session.attach(plan(dir, StringFiltersE2ETest.policy("session-kill", enforced.path(),
                    "Equal", "/nonexistent/second")));
            assertTrue(second.hookIdBase() >= first.hookIdBase() + first.attachPoints().size(),
                    "hook ids overlap: " + first.hookIdBase() + " and " + second.hookIdBase());
            Tester.Child b = enforced.run("openat", "/nonexistent/second");
            Optional<Event.Exit> bExit = session.awaitExit(b.pid(), Duration.ofSeconds(30));
            assertTrue(bExit.isPresent(), "no exit of " + b.describe());
            assertEquals(SIGKILL, bExit.get().signal(), b.describe());
            assertTrue(b.killedBy(SIGKILL), b.describe());
            List<Event.Hook> bHooks = hooksOf(events, b.pid());
            assertEquals(1, bHooks.size(), events.toString());
            assertEquals("session-kill", bHooks.get(0).hook().policyName());
        }
    }
}
