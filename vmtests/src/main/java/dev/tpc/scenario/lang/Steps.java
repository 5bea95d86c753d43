package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.scenario.model.CallExpectation;
import dev.tpc.scenario.model.Expectation;
import dev.tpc.scenario.model.FieldMatch;
import dev.tpc.scenario.model.Step;
import dev.tpc.scenario.model.Workload;
import dev.tpc.target.Arch;
import dev.tpc.workload.Constants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** A step: its workload (one command, or calls), its expectations and its time bound. */
final class Steps {
    private final Spans spans;
    private final Findings findings;
    private final Literals literals;
    private final Repeats repeats;
    private final Bounds bounds;
    private final Calls calls;
    private final Conditions conditions;

    Steps(Spans spans, Findings findings, Literals literals, Repeats repeats, Bounds bounds) {
        this.spans = spans;
        this.findings = findings;
        this.literals = literals;
        this.repeats = repeats;
        this.bounds = bounds;
        this.calls = new Calls(spans, findings, literals, bounds.maxItems());
        this.conditions = new Conditions(spans, findings, literals);
    }

    /** A call as written, with the expectation written right after it. */
    private static final class PendingCall {
        final TpsParser.CallContext ctx;
        final Workload.Call call;
        CallExpectation expect;
        ParserRuleContext expectAt;

        PendingCall(TpsParser.CallContext ctx, Workload.Call call) {
            this.ctx = ctx;
            this.call = call;
        }
    }

    Step step(TpsParser.StepContext ctx, Arch arch) {
        Token nameToken = ctx.STRING().getSymbol();
        String name = literals.cString(nameToken, "a step's name");
        if (name != null && name.isBlank()) {
            findings.add(ScenarioRule.BAD_STRING, spans.of(nameToken), "a step's name cannot be empty", "say what the step does");
            name = null;
        }
        SourceSpan head = spans.head(ctx, nameToken);
        Workload.Command command = null;
        ParserRuleContext runAt = null;
        List<PendingCall> pending = new ArrayList<>();
        Map<String, Integer> bound = new HashMap<>();
        Map<String, SourceSpan> bindings = new LinkedHashMap<>();
        List<Expectation> expectations = new ArrayList<>();
        Optional<Duration> within = Optional.empty();
        ParserRuleContext withinAt = null;
        ParserRuleContext fateAt = null;
        boolean afterCall = false;
        boolean expects = false;
        boolean ok = name != null;
        Map<String, Integer> laterBindings = laterBindings(ctx);
        int items = 0;
        for (TpsParser.StepItemContext item : ctx.stepItem()) {
            if (++items > bounds.maxItems()) {
                findings.add(ScenarioRule.LIMIT, spans.of(item), "more than " + bounds.maxItems() + " calls and expectations in one step",
                        "split the step");
                return null;
            }
            boolean call = false;
            if (item.run() != null) {
                if (!pending.isEmpty()) {
                    findings.add(ScenarioRule.MISPLACED, spans.of(item.run()), "a step runs a command or makes calls, not both",
                            "put the command in a step of its own");
                    ok = false;
                } else if (repeats.once(runAt, item.run(), "run")) {
                    runAt = item.run();
                    command = command(item.run());
                    ok &= command != null;
                }
            } else if (item.call() != null) {
                call = true;
                if (runAt != null) {
                    findings.add(ScenarioRule.MISPLACED, spans.of(item.call()), "a step runs a command or makes calls, not both",
                            "put the calls in a step of their own");
                    ok = false;
                    continue;
                }
                Workload.Call c = calls.call(item.call(), arch, bound, laterBindings);
                ok &= c != null;
                bind(item.call(), pending.size(), bound, bindings);
                pending.add(new PendingCall(item.call(), c));
            } else if (item.expectation() != null) {
                expects = true;
                TpsParser.ExpectedContext e = item.expectation().expected();
                if (e instanceof TpsParser.ExpectOkContext || e instanceof TpsParser.ExpectErrnoContext
                        || e instanceof TpsParser.ExpectReturnsContext) {
                    call = afterCall;
                    ok &= callExpectation(item.expectation(), e, afterCall ? pending.get(pending.size() - 1) : null);
                } else if (e instanceof TpsParser.ExpectEventContext ev) {
                    Expectation.Event event = event(item.expectation(), ev);
                    ok &= event != null;
                    if (event != null) {
                        expectations.add(event);
                    }
                } else if (fateAt != null) {
                    findings.add(ScenarioRule.DUPLICATE_SETTING, spans.of(item.expectation()), "a step has one fate: it exits or is killed",
                            "the first is on line " + fateAt.getStart().getLine());
                    ok = false;
                } else {
                    fateAt = item.expectation();
                    Expectation fate = fate(item.expectation(), e);
                    ok &= fate != null;
                    if (fate != null) {
                        expectations.add(fate);
                    }
                }
            } else if (repeats.once(withinAt, item.within(), "within")) {
                withinAt = item.within();
                Duration d = literals.duration(item.within().NUMBER().getSymbol());
                ok &= d != null;
                within = Optional.ofNullable(d);
            } else {
                ok = false;
            }
            afterCall = call;
        }
        Workload workload = command;
        if (command == null && !pending.isEmpty() && ok) {
            List<Workload.Call> made = new ArrayList<>();
            for (PendingCall p : pending) {
                Workload.Call c = p.call;
                made.add(new Workload.Call(c.syscall(), c.number(), c.args(), c.bindsAs(),
                        p.expect == null ? List.of() : List.of(p.expect), c.span()));
            }
            workload = new Workload.Calls(made, spans.of(pending.get(0).ctx));
        }
        if (runAt == null && pending.isEmpty()) {
            findings.add(ScenarioRule.MISSING_PART, head, "step " + Quoted.doubled(name == null ? "" : name) + " has no workload",
                    "add run \"/path/to/binary\" \"argument\" ..., or call name(arguments) lines");
            ok = false;
        }
        if (!expects && (runAt != null || !pending.isEmpty())) {
            findings.add(ScenarioRule.CHECKS_NOTHING, head, "step " + Quoted.doubled(name == null ? "" : name) + " expects nothing",
                    "say what must follow: expect exit 0, expect killed SIGKILL, expect event ..., or expect ok after a call");
        }
        return ok ? new Step(name, head, workload, expectations, within) : null;
    }

    private Workload.Command command(TpsParser.RunContext run) {
        List<TerminalNode> strings = run.STRING();
        boolean shell = run.SHELL() != null;
        if (shell && strings.size() != 1) {
            findings.add(ScenarioRule.MISPLACED, spans.of(strings.get(1)), "run shell takes one script, not " + strings.size() + " strings",
                    "write the whole command line as one string: run shell \"cat x | wc -l\"");
            return null;
        }
        if (strings.size() > bounds.maxItems()) {
            findings.add(ScenarioRule.LIMIT, spans.of(run), "a command of " + strings.size() + " arguments; the limit is " + bounds.maxItems());
            return null;
        }
        List<String> argv = new ArrayList<>();
        for (TerminalNode s : strings) {
            String t = literals.cString(s.getSymbol(), "a command's argument");
            if (t != null) {
                argv.add(t);
            }
        }
        if (argv.size() != strings.size()) {
            return null;
        }
        if (argv.get(0).isEmpty()) {
            findings.add(ScenarioRule.BAD_STRING, spans.of(strings.get(0)), shell ? "the script is empty" : "the command's path is empty");
            return null;
        }
        return new Workload.Command(argv, shell, spans.of(run));
    }

    /** Every name a call of the step binds, with the line of that call, to explain a reference written too early. */
    private static Map<String, Integer> laterBindings(TpsParser.StepContext ctx) {
        Map<String, Integer> out = new HashMap<>();
        for (TpsParser.StepItemContext item : ctx.stepItem()) {
            if (item.call() != null && item.call().ASSIGN() != null) {
                out.putIfAbsent(item.call().ident(0).getText(), item.call().getStart().getLine());
            }
        }
        return out;
    }

    private void bind(TpsParser.CallContext call, int index, Map<String, Integer> bound, Map<String, SourceSpan> bindings) {
        if (call.ASSIGN() == null) {
            return;
        }
        TpsParser.IdentContext id = call.ident(0);
        String name = id.getText();
        if (name.equals("self") || Constants.byName(name).isPresent()) {
            findings.add(ScenarioRule.DUPLICATE_NAME, spans.of(id), name + (name.equals("self") ? " is the step's own pid" : " is a constant")
                    + "; bind the result to another name", "e.g. fd = openat(...)");
            return;
        }
        repeats.unique(bindings, name, spans.of(id), "result", "step");
        bound.putIfAbsent(name, index);
    }

    private boolean callExpectation(TpsParser.ExpectationContext at, TpsParser.ExpectedContext e, PendingCall call) {
        String what = at.getText().startsWith("expectok") ? "expect ok" : "expect " + e.getStart().getText();
        if (call == null) {
            findings.add(ScenarioRule.MISPLACED, spans.of(at), what + " is about the result of a call: write it right after the call",
                    "call fd = openat(AT_FDCWD, \"x\", O_RDONLY, 0) expect ok; for how the step's process ends, expect exit N or expect killed SIGNAL");
            return false;
        }
        if (call.expectAt != null) {
            findings.add(ScenarioRule.DUPLICATE_SETTING, spans.of(at), "this call already has an expectation",
                    "a call's result has one expectation; the first is on line " + call.expectAt.getStart().getLine());
            return false;
        }
        call.expectAt = at;
        call.expect = calls.expectation(e);
        return call.expect != null;
    }

    private Expectation fate(TpsParser.ExpectationContext at, TpsParser.ExpectedContext e) {
        SourceSpan span = spans.of(at);
        if (e instanceof TpsParser.ExpectExitContext x) {
            Long status = literals.integer(x.integer(), 0, 255, "an exit status");
            return status == null ? null : new Expectation.Exit(status.intValue(), span);
        }
        TpsParser.IdentContext id = ((TpsParser.ExpectKilledContext) e).ident();
        Long number = calls.constant(id, "signal", "a signal name");
        return number == null ? null : new Expectation.Killed(id.getText(), number.intValue(), span);
    }

    private Expectation.Event event(TpsParser.ExpectationContext at, TpsParser.ExpectEventContext e) {
        boolean present = e.NO() == null;
        String kind = e.ident().getText();
        EventFields.Obj root = EventFields.kind(kind);
        if (root == null) {
            findings.add(ScenarioRule.UNKNOWN_EVENT_KIND, spans.of(e.ident()), "unknown event kind " + Quoted.doubled(kind),
                    Suggest.hintOr(kind, EventFields.kinds(), "the kinds are " + String.join(", ", EventFields.kinds())));
            return null;
        }
        Optional<Integer> count = Optional.empty();
        boolean ok = true;
        if (e.COUNT() != null) {
            if (!present) {
                findings.add(ScenarioRule.COMPARISON, spans.of(e.integer()), "count says how many events must appear; this event must not",
                        "drop count, or drop no");
                ok = false;
            } else {
                Long n = literals.integer(e.integer(), 0, bounds.maxItems(), "a count");
                if (n != null && n == 0) {
                    findings.add(ScenarioRule.COMPARISON, spans.of(e.integer()), "count 0 means the event must not appear",
                            "write expect no event " + kind + " { ... }");
                    ok = false;
                } else if (n == null) {
                    ok = false;
                } else {
                    count = Optional.of(n.intValue());
                }
            }
        }
        List<FieldMatch> fields = new ArrayList<>();
        if (e.eventBody() != null) {
            List<TpsParser.FieldMatchContext> written = e.eventBody().fieldMatch();
            if (written.size() > bounds.maxItems()) {
                findings.add(ScenarioRule.LIMIT, spans.of(written.get(bounds.maxItems())), "more than " + bounds.maxItems()
                        + " conditions on one event");
                return null;
            }
            for (TpsParser.FieldMatchContext f : written) {
                FieldMatch m = conditions.condition(kind, root, f);
                ok &= m != null;
                if (m != null) {
                    fields.add(m);
                }
            }
        }
        return ok ? new Expectation.Event(present, kind, fields, count, spans.of(at)) : null;
    }
}
