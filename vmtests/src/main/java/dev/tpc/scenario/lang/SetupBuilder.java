package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.scenario.model.Setup;
import dev.tpc.scenario.model.Setup.BinaryCopy;
import dev.tpc.scenario.model.Setup.FileSpec;
import dev.tpc.scenario.model.Setup.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** A scenario's setup block: files, binary copies, environment, user, group, working directory. */
final class SetupBuilder {
    static final int DEFAULT_FILE_MODE = 0644;

    private final Spans spans;
    private final Findings findings;
    private final Literals literals;
    private final Repeats repeats;
    private final int maxItems;

    SetupBuilder(Spans spans, Findings findings, Literals literals, Repeats repeats, int maxItems) {
        this.spans = spans;
        this.findings = findings;
        this.literals = literals;
        this.repeats = repeats;
        this.maxItems = maxItems;
    }

    Setup setup(TpsParser.SetupContext ctx) {
        List<FileSpec> files = new ArrayList<>();
        List<BinaryCopy> copies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, SourceSpan> envSeen = new HashMap<>();
        Map<String, SourceSpan> paths = new HashMap<>();
        Optional<Principal> user = Optional.empty();
        Optional<Principal> group = Optional.empty();
        Optional<String> workdir = Optional.empty();
        ParserRuleContext userAt = null;
        ParserRuleContext groupAt = null;
        ParserRuleContext workdirAt = null;
        List<TpsParser.SetupItemContext> items = ctx.setupItem();
        if (items.size() > maxItems) {
            findings.add(ScenarioRule.LIMIT, spans.of(items.get(maxItems)), "more than " + maxItems + " entries in one setup");
            items = items.subList(0, maxItems);
        }
        for (TpsParser.SetupItemContext item : items) {
            if (item.fileDecl() != null) {
                FileSpec f = file(item.fileDecl());
                if (f != null) {
                    repeats.unique(paths, f.path(), f.span(), "file", "setup");
                    files.add(f);
                }
            } else if (item.copyDecl() != null) {
                BinaryCopy c = copy(item.copyDecl());
                if (c != null) {
                    repeats.unique(paths, c.name(), c.span(), "file", "setup");
                    copies.add(c);
                }
            } else if (item.envDecl() != null) {
                TpsParser.EnvDeclContext e = item.envDecl();
                String name = e.ident().getText();
                String value = literals.cString(e.STRING().getSymbol(), "an environment variable");
                if (envSeen.putIfAbsent(name, spans.of(e)) != null) {
                    findings.add(ScenarioRule.DUPLICATE_SETTING, spans.of(e), "env " + name + " is given twice",
                            "the first is on line " + envSeen.get(name).line());
                } else if (value != null) {
                    env.put(name, value);
                }
            } else if (item.userDecl() != null) {
                if (repeats.once(userAt, item.userDecl(), "user")) {
                    userAt = item.userDecl();
                    user = principal(item.userDecl().integer(), item.userDecl().STRING(), item.userDecl(), "user");
                }
            } else if (item.groupDecl() != null) {
                if (repeats.once(groupAt, item.groupDecl(), "group")) {
                    groupAt = item.groupDecl();
                    group = principal(item.groupDecl().integer(), item.groupDecl().STRING(), item.groupDecl(), "group");
                }
            } else if (repeats.once(workdirAt, item.workdirDecl(), "workdir")) {
                workdirAt = item.workdirDecl();
                workdir = Optional.ofNullable(relative(item.workdirDecl().STRING().getSymbol(), "workdir", true));
            }
        }
        return new Setup(files, copies, env, user, group, workdir);
    }

    private FileSpec file(TpsParser.FileDeclContext ctx) {
        String path = relative(ctx.STRING().getSymbol(), "file", false);
        int mode = DEFAULT_FILE_MODE;
        byte[] content = new byte[0];
        ParserRuleContext modeAt = null;
        ParserRuleContext contentAt = null;
        boolean ok = path != null;
        for (TpsParser.FileOptionContext o : ctx.fileOption()) {
            if (o.MODE() != null) {
                if (repeats.once(modeAt, o, "mode")) {
                    modeAt = o;
                    Long m = literals.integer(o.integer(), 0, 07777, "a file mode");
                    ok &= m != null;
                    mode = m == null ? mode : m.intValue();
                }
            } else if (repeats.once(contentAt, o, "content")) {
                contentAt = o;
                byte[] c = o.STRING() != null ? literals.bytes(o.STRING().getSymbol()) : literals.bytesValue(o.bytesValue());
                ok &= c != null;
                content = c == null ? content : c;
            }
        }
        return ok ? new FileSpec(path, content, mode, spans.of(ctx)) : null;
    }

    private BinaryCopy copy(TpsParser.CopyDeclContext ctx) {
        String source = literals.cString(ctx.STRING(0).getSymbol(), "a binary's path");
        if (source != null && source.isEmpty()) {
            findings.add(ScenarioRule.SETUP_PATH, spans.of(ctx.STRING(0)), "copy needs the path of the binary to copy");
            source = null;
        }
        String name = relative(ctx.STRING(1).getSymbol(), "copy", false);
        return source == null || name == null ? null : new BinaryCopy(source, name, spans.of(ctx));
    }

    private Optional<Principal> principal(TpsParser.IntegerContext number, TerminalNode name,
                                          ParserRuleContext ctx, String what) {
        if (number != null) {
            Long id = literals.integer(number, 0, Integer.MAX_VALUE, "a " + what + " id");
            return id == null ? Optional.empty()
                    : Optional.of(new Principal(number.getText(), Optional.of(id.intValue()), spans.of(ctx)));
        }
        String n = literals.cString(name.getSymbol(), "a " + what + " name");
        if (n == null) {
            return Optional.empty();
        }
        if (!n.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?")) {
            findings.add(ScenarioRule.BAD_STRING, spans.of(name), Quoted.doubled(n) + " is not a " + what + " name",
                    "a name as /etc/" + (what.equals("user") ? "passwd" : "group") + " has it (letters, digits, _ . -), or a number");
            return Optional.empty();
        }
        return Optional.of(new Principal(n, Optional.empty(), spans.of(ctx)));
    }

    /**
     * A path below the scratch directory: relative, without {@code ..}. A workdir may be {@code .}
     * (the scratch directory itself).
     */
    private String relative(Token t, String what, boolean directory) {
        String p = literals.cString(t, "a path");
        if (p == null) {
            return null;
        }
        SourceSpan span = spans.of(t);
        String problem = null;
        String hint = "setup paths are relative to the scenario's scratch directory, which the runner creates empty and deletes";
        if (p.isEmpty()) {
            problem = "an empty path";
        } else if (p.startsWith("${scratch}")) {
            problem = Quoted.doubled(p) + " starts with ${scratch}";
            hint = "setup paths are already relative to the scratch directory: write " + Quoted.doubled(
                    p.substring("${scratch}".length()).replaceFirst("^/+", ""));
        } else if (p.startsWith("/")) {
            problem = Quoted.doubled(p) + " is absolute";
        } else if (("/" + p + "/").contains("/../")) {
            problem = Quoted.doubled(p) + " leaves the scratch directory";
        } else if (!directory && (p.endsWith("/") || p.equals(".") || p.endsWith("/."))) {
            problem = Quoted.doubled(p) + " names a directory, not a file";
        }
        if (problem != null) {
            findings.add(ScenarioRule.SETUP_PATH, span, what + ": " + problem, hint);
            return null;
        }
        return p;
    }
}
