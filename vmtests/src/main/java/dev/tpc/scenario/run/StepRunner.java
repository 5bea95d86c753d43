package dev.tpc.scenario.run;

import dev.tpc.runtime.events.Event;
import dev.tpc.runtime.events.EventSink;
import dev.tpc.runtime.events.JsonEventWriter;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.session.TracingSession;
import dev.tpc.scenario.model.CallExpectation;
import dev.tpc.scenario.model.Expectation;
import dev.tpc.scenario.model.Step;
import dev.tpc.scenario.model.Workload;
import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.StepResult;
import dev.tpc.workload.WorkloadProcess;
import dev.tpc.workload.WorkloadResult;
import dev.tpc.workload.WorkloadSpec;
import dev.tpc.workload.Workloads;
import dev.tpc.workload.lowering.Lowering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one step: starts its process through the workload helper, keeps reading events while it
 * runs, waits for the exec tracker to report its exit (after which every event of the process has
 * arrived), then holds the expectations against its fate, its calls' results and its events.
 */
final class StepRunner {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TracingSession session;
    private final JsonEventWriter json;
    private final Duration barrier;

    /** @param barrier how long to wait, after the process ended, for the kernel to report its exit */
    StepRunner(TracingSession session, String nodeName, Duration barrier) {
        this.session = session;
        this.json = new JsonEventWriter(null, nodeName, session.bootOffsetNanos());
        this.barrier = barrier;
    }

    StepResult run(Step step, WorkloadSpec spec, EventMatcher matcher) {
        long started = System.nanoTime();
        List<Event> seen = new ArrayList<>();
        EventSink collect = seen::add;
        session.addListener(collect);
        WorkloadResult result;
        String problem = "";
        try (WorkloadProcess process = Workloads.start(spec)) {
            CompletableFuture<WorkloadResult> done = CompletableFuture.supplyAsync(process::await);
            result = pollUntil(done);
            if (result.pid() > 0 && !(result.fate() instanceof WorkloadResult.NotStarted)) {
                Optional<Event.Exit> exit = session.awaitExit(result.pid(), barrier);
                if (exit.isEmpty()) {
                    problem = "the kernel did not report the exit of pid " + result.pid() + " within " + barrier.toMillis()
                            + " ms, so the step's events may be incomplete";
                }
            }
        } catch (BpfException e) {
            return error(step, "reading events failed: " + e.getMessage(), started);
        } catch (RuntimeException e) {
            return error(step, "the workload helper failed: " + e.getMessage(), started);
        } finally {
            session.removeListener(collect);
        }
        List<JsonNode> events = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Event e : ofTree(seen, result.pid())) {
            String line = json.toJson(e);
            lines.add(line);
            events.add(JSON.readTree(line));
        }
        List<ExpectationResult> checks = new ArrayList<>();
        checks.addAll(fateProblems(result));
        checks.addAll(calls(step, result));
        for (Expectation x : step.expectations()) {
            checks.add(check(x, result, events, matcher));
        }
        boolean failed = checks.stream().anyMatch(c -> !c.passed());
        Outcome outcome = !problem.isEmpty() ? Outcome.ERROR : failed ? Outcome.FAILED : Outcome.PASSED;
        return new StepResult(step.name(), outcome, describe(result.fate()), result.pid(), checks, lines,
                output(result), problem, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Polls the ring buffer while the step runs, so that a busy step cannot fill it. */
    private WorkloadResult pollUntil(CompletableFuture<WorkloadResult> done) throws BpfException {
        while (true) {
            try {
                return done.get(1, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                session.poll(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the step ran");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** The events of process {@code pid} and of every process it started (its exec and clone children). */
    static List<Event> ofTree(List<Event> events, int pid) {
        Set<Integer> tree = new HashSet<>();
        tree.add(pid);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Event e : events) {
                if (e.process() != null && !tree.contains(e.process().pid()) && tree.contains(e.process().ppid())) {
                    tree.add(e.process().pid());
                    grew = true;
                }
            }
        }
        return events.stream().filter(e -> e.process() != null && tree.contains(e.process().pid())).toList();
    }

    /** A step whose process never ran, or that the helper gave up on, fails whatever it expected. */
    private static List<ExpectationResult> fateProblems(WorkloadResult r) {
        if (r.fate() instanceof WorkloadResult.NotStarted n) {
            return List.of(new ExpectationResult("the step's process starts", false, n.why(), 0));
        }
        if (r.fate() instanceof WorkloadResult.TimedOut) {
            return List.of(new ExpectationResult("the step ends within its time", false, "it was still running and was killed",
                    0));
        }
        if (r.fate() instanceof WorkloadResult.Aborted a) {
            return List.of(new ExpectationResult("the workload helper reports the step", false, a.why(), 0));
        }
        return List.of();
    }

    private static List<ExpectationResult> calls(Step step, WorkloadResult r) {
        List<ExpectationResult> out = new ArrayList<>();
        if (!(step.workload() instanceof Workload.Calls calls)) {
            return out;
        }
        for (int i = 0; i < calls.calls().size(); i++) {
            Workload.Call call = calls.calls().get(i);
            Optional<WorkloadResult.CallResult> got = i < r.calls().size() ? Optional.of(r.calls().get(i)) : Optional.empty();
            for (CallExpectation x : call.expect()) {
                String expected = call.syscall() + " " + Describe.callExpectation(x);
                if (got.isEmpty()) {
                    out.add(new ExpectationResult(expected, false, "the call was never made (the process ended before it)",
                            x.span().line()));
                    continue;
                }
                WorkloadResult.CallResult c = got.get();
                boolean ok;
                if (x instanceof CallExpectation.Returns v) {
                    ok = c.ret() == v.value();
                } else if (x instanceof CallExpectation.Errno e) {
                    ok = c.ret() == -1 && c.errno() == e.value();
                } else {
                    ok = c.ret() >= 0;
                }
                out.add(new ExpectationResult(expected, ok, ok ? "" : Describe.callResult(c), x.span().line()));
            }
        }
        return out;
    }

    private ExpectationResult check(Expectation x, WorkloadResult r, List<JsonNode> events, EventMatcher matcher) {
        String expected = Describe.expectation(x);
        int line = x.span().line();
        if (x instanceof Expectation.Exit e) {
            boolean ok = r.fate() instanceof WorkloadResult.Exited ex && ex.status() == e.status();
            return new ExpectationResult(expected, ok, ok ? "" : describe(r.fate()), line);
        }
        if (x instanceof Expectation.Killed k) {
            boolean ok = r.fate() instanceof WorkloadResult.Signaled s && s.signal() == k.number();
            return new ExpectationResult(expected, ok, ok ? "" : describe(r.fate()), line);
        }
        Expectation.Event ev = (Expectation.Event) x;
        int n = matcher.matching(ev, events).size();
        boolean ok = ev.present() ? ev.count().map(c -> n == c).orElse(n > 0) : n == 0;
        if (ok) {
            return new ExpectationResult(expected, true, "", line);
        }
        String actual;
        if (!ev.present()) {
            actual = n + (n == 1 ? " such event arrived" : " such events arrived");
        } else if (n > 0) {
            actual = n + " matching events arrived";
        } else {
            long ofKind = events.stream().filter(e -> e.has(ev.kind())).count();
            actual = ofKind == 0 ? "no " + ev.kind() + " event of the step's processes arrived"
                    : ofKind + " " + ev.kind() + " event(s) arrived, none matching" + matcher.nearestMiss(ev, events)
                            .map(m -> "; the closest fails " + m).orElse("");
        }
        return new ExpectationResult(expected, false, actual, line);
    }

    static String describe(WorkloadResult.Fate fate) {
        if (fate instanceof WorkloadResult.Exited e) {
            return "exited with status " + e.status();
        } else if (fate instanceof WorkloadResult.Signaled s) {
            return "killed by " + s.name();
        } else if (fate instanceof WorkloadResult.TimedOut) {
            return "timed out";
        } else if (fate instanceof WorkloadResult.NotStarted n) {
            return "did not start: " + n.why();
        } else if (fate instanceof WorkloadResult.Aborted a) {
            return "aborted: " + a.why();
        }
        return fate.toString();
    }

    private static String output(WorkloadResult r) {
        String out = r.stdout().isBlank() ? "" : "stdout: " + r.stdout().strip();
        String err = r.stderr().isBlank() ? "" : "stderr: " + r.stderr().strip();
        return (out + (out.isEmpty() || err.isEmpty() ? "" : "\n") + err);
    }

    /** A step the workload helper cannot run as written: an error of the scenario, at the line that says why. */
    static StepResult refused(Step step, Lowering.Refused refused) {
        String where = refused.span() != null && refused.span().hasPosition() ? " (line " + refused.span().line() + ")" : "";
        return new StepResult(step.name(), Outcome.ERROR, "", 0, List.of(), List.of(), "", refused.message() + where,
                Duration.ZERO);
    }

    private static StepResult error(Step step, String why, long started) {
        return new StepResult(step.name(), Outcome.ERROR, "", 0, List.of(), List.of(), "", why,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
