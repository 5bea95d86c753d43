package dev.tpc.scenario.run;

import dev.tpc.scenario.model.CallExpectation;
import dev.tpc.scenario.model.Expectation;
import dev.tpc.scenario.model.FieldMatch;
import dev.tpc.workload.Constants;
import dev.tpc.workload.WorkloadResult;
import java.util.stream.Collectors;

/** Expectations and results written back in the scenario language's own words, for reports. */
final class Describe {
    private Describe() {
    }

    static String expectation(Expectation x) {
        if (x instanceof Expectation.Exit e) {
            return "expect exit " + e.status();
        }
        if (x instanceof Expectation.Killed k) {
            return "expect killed " + k.signal();
        }
        Expectation.Event ev = (Expectation.Event) x;
        StringBuilder sb = new StringBuilder("expect ").append(ev.present() ? "event " : "no event ").append(ev.kind());
        ev.count().ifPresent(c -> sb.append(" count ").append(c));
        if (!ev.fields().isEmpty()) {
            sb.append(" { ").append(ev.fields().stream().map(Describe::field).collect(Collectors.joining("; "))).append(" }");
        }
        return sb.toString();
    }

    static String field(FieldMatch f) {
        return f.op() == FieldMatch.Op.EXISTS ? f.path() + " exists"
                : f.path() + " " + f.op().symbol() + " " + EventMatcher.render(f.expected());
    }

    static String callExpectation(CallExpectation x) {
        if (x instanceof CallExpectation.Returns r) {
            return "expect returns " + r.value();
        }
        if (x instanceof CallExpectation.Errno e) {
            return "expect errno " + e.name();
        }
        return "expect ok";
    }

    static String callResult(WorkloadResult.CallResult c) {
        if (c.ret() == -1 && c.errno() != 0) {
            return "it returned -1, errno " + Constants.nameOf(c.errno(), "errno").orElse(Integer.toString(c.errno()));
        }
        return "it returned " + c.ret();
    }
}
