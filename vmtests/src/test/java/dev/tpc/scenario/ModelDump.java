package dev.tpc.scenario;

import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.model.CallArg;
import dev.tpc.scenario.model.CallExpectation;
import dev.tpc.scenario.model.Expectation;
import dev.tpc.scenario.model.FieldMatch;
import dev.tpc.scenario.model.PolicyRef;
import dev.tpc.scenario.model.Requirement;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.model.Setup;
import dev.tpc.scenario.model.Step;
import dev.tpc.scenario.model.Workload;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model as text, one fact a line, for golden files: every field of every record, spans as
 * line:col-line:col, bytes in hex, policy paths relative to a base directory (so that goldens do
 * not depend on where the repository is checked out).
 */
final class ModelDump {
    private final StringBuilder out = new StringBuilder();
    private final Path base;

    private ModelDump(Path base) {
        this.base = base;
    }

    static String of(ScenarioFile f, Path base) {
        ModelDump d = new ModelDump(base);
        d.file(f);
        return d.out.toString();
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }

    private static String at(SourceSpan s) {
        return "@" + s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn();
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String hex(byte[] b) {
        return b.length == 0 ? "(empty)" : HexFormat.of().formatHex(b);
    }

    private void file(ScenarioFile f) {
        line(0, "file " + f.shownAs());
        for (Scenario s : f.scenarios()) {
            scenario(s);
        }
    }

    private void scenario(Scenario s) {
        line(0, "scenario " + q(s.name()) + " " + at(s.span()));
        for (PolicyRef p : s.policies()) {
            line(1, "policy " + base.relativize(p.path()) + " written " + q(p.written()) + (p.isBundle() ? " bundle" : "") + " " + at(p.span()));
        }
        s.mode().ifPresent(m -> line(1, "mode " + m));
        for (Requirement r : s.requirements()) {
            if (r instanceof Requirement.Feature f) {
                line(1, "requires feature " + f.name() + " " + at(f.span()));
            } else if (r instanceof Requirement.KernelAtLeast k) {
                line(1, "requires kernel >= " + k.version() + " " + at(k.span()));
            } else if (r instanceof Requirement.Arch a) {
                line(1, "arch " + a.name() + " " + at(a.span()));
            }
        }
        setup(s.setup());
        for (Step st : s.steps()) {
            step(st);
        }
    }

    private void setup(Setup s) {
        for (Setup.FileSpec f : s.files()) {
            line(1, "file " + q(f.path()) + " mode 0" + Integer.toOctalString(f.mode()) + " content " + hex(f.content()) + " " + at(f.span()));
        }
        for (Setup.BinaryCopy c : s.copies()) {
            line(1, "copy " + q(c.source()) + " as " + q(c.name()) + " " + at(c.span()));
        }
        for (Map.Entry<String, String> e : new TreeMap<>(s.env()).entrySet()) {
            line(1, "env " + e.getKey() + " = " + q(e.getValue()));
        }
        s.user().ifPresent(u -> line(1, "user " + q(u.written()) + " id " + u.id().map(String::valueOf).orElse("-") + " " + at(u.span())));
        s.group().ifPresent(g -> line(1, "group " + q(g.written()) + " id " + g.id().map(String::valueOf).orElse("-") + " " + at(g.span())));
        s.workdir().ifPresent(w -> line(1, "workdir " + q(w)));
    }

    private void step(Step s) {
        line(1, "step " + q(s.name()) + " " + at(s.span()) + s.within().map(d -> " within " + d).orElse(""));
        if (s.workload() instanceof Workload.Command c) {
            line(2, (c.shell() ? "shell" : "command") + " " + String.join(" ", c.argv().stream().map(ModelDump::q).toList()) + " " + at(c.span()));
        } else if (s.workload() instanceof Workload.Calls calls) {
            line(2, "calls " + at(calls.span()));
            for (Workload.Call c : calls.calls()) {
                line(3, "call " + c.bindsAs().map(b -> b + " = ").orElse("") + c.syscall() + "#" + c.number() + " " + at(c.span()));
                for (CallArg a : c.args()) {
                    line(4, arg(a) + " " + at(a.span()));
                }
                for (CallExpectation e : c.expect()) {
                    line(4, "expect " + callExpectation(e) + " " + at(e.span()));
                }
            }
        }
        for (Expectation e : s.expectations()) {
            expectation(e);
        }
    }

    private static String arg(CallArg a) {
        if (a instanceof CallArg.Int i) {
            return "int " + i.value() + " written " + q(i.written());
        } else if (a instanceof CallArg.Str s) {
            return "str " + q(s.value());
        } else if (a instanceof CallArg.Bytes b) {
            return "bytes " + hex(b.data());
        } else if (a instanceof CallArg.Buffer b) {
            return "buffer " + b.size();
        } else if (a instanceof CallArg.StringArray s) {
            return "array " + String.join(" ", s.values().stream().map(ModelDump::q).toList());
        } else if (a instanceof CallArg.Ref r) {
            return "ref " + r.name();
        } else if (a instanceof CallArg.OwnPid) {
            return "self";
        } else if (a instanceof CallArg.Inet i) {
            return "inet " + q(i.address()) + " port " + i.port();
        } else {
            return "unix " + q(((CallArg.Unix) a).path());
        }
    }

    private static String callExpectation(CallExpectation e) {
        if (e instanceof CallExpectation.Returns r) {
            return "returns " + r.value();
        } else if (e instanceof CallExpectation.Errno x) {
            return "errno " + x.name() + "=" + x.value();
        }
        return "ok";
    }

    private void expectation(Expectation e) {
        if (e instanceof Expectation.Exit x) {
            line(2, "expect exit " + x.status() + " " + at(x.span()));
        } else if (e instanceof Expectation.Killed k) {
            line(2, "expect killed " + k.signal() + "=" + k.number() + " " + at(k.span()));
        } else if (e instanceof Expectation.Event ev) {
            line(2, "expect " + (ev.present() ? "" : "no ") + "event " + ev.kind() + ev.count().map(c -> " count " + c).orElse("")
                    + " " + at(ev.span()));
            for (FieldMatch m : ev.fields()) {
                line(3, m.path() + " " + String.join("", m.elements().stream().map(ModelDump::element).toList()) + " " + m.op() + " "
                        + value(m.expected()) + " " + at(m.span()));
            }
        }
    }

    private static String element(FieldMatch.PathElement p) {
        return p instanceof FieldMatch.PathElement.Member m ? "/" + m.name() : "[" + ((FieldMatch.PathElement.Index) p).index() + "]";
    }

    private static String value(FieldMatch.Value v) {
        if (v instanceof FieldMatch.Value.Text t) {
            return "text " + q(t.value());
        } else if (v instanceof FieldMatch.Value.Number n) {
            return "number " + n.value();
        } else if (v instanceof FieldMatch.Value.Bool b) {
            return "bool " + b.value();
        }
        return "none";
    }
}
