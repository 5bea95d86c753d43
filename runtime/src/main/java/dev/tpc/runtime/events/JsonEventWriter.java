package dev.tpc.runtime.events;

import dev.tpc.runtime.plan.HookInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes events as Tetragon's JSON export does: one object per line with exactly one event key,
 * then {@code node_name} and {@code time}. Field order follows Tetragon's protobuf definitions;
 * zero-valued plain fields are left out as protobuf's JSON mapping leaves them out.
 */
public final class JsonEventWriter implements EventSink {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private final String nodeName;
    private final long bootOffsetNanos;

    /**
     * @param bootOffsetNanos wall minus boot clock, to render process start times
     */
    public JsonEventWriter(Writer out, String nodeName, long bootOffsetNanos) {
        this.out = out;
        this.nodeName = nodeName;
        this.bootOffsetNanos = bootOffsetNanos;
    }

    @Override
    public void accept(Event event) {
        try {
            out.write(toJson(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event as a single-line JSON object. */
    public String toJson(Event event) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            if (event instanceof Event.Exec e) {
                g.writeObjectPropertyStart("process_exec");
                process(g, "process", e.process(), e.process().pid());
                parent(g, e.parent());
                g.writeEndObject();
            } else if (event instanceof Event.Exit e) {
                g.writeObjectPropertyStart("process_exit");
                process(g, "process", e.process(), e.process().pid());
                parent(g, e.parent());
                if (e.signal() != 0) {
                    g.writeStringProperty("signal", Signals.name(e.signal()));
                }
                if (e.status() != 0) {
                    g.writeNumberProperty("status", e.status());
                }
                g.writeStringProperty("time", Times.rfc3339(e.time()));
                g.writeEndObject();
            } else if (event instanceof Event.Hook h) {
                hook(g, h);
            }
            g.writeStringProperty("node_name", nodeName);
            g.writeStringProperty("time", Times.rfc3339(event.time()));
            g.writeEndObject();
        }
        return sw.toString();
    }

    private void hook(JsonGenerator g, Event.Hook h) {
        HookInfo hook = h.hook();
        g.writeObjectPropertyStart(hook.kind().eventKey());
        process(g, "process", h.process(), h.tid());
        parent(g, h.parent());
        switch (hook.kind()) {
            case TRACEPOINT -> {
                g.writeStringProperty("subsys", hook.subsys());
                g.writeStringProperty("event", hook.event());
                args(g, h);
                g.writeStringProperty("policy_name", hook.policyName());
                g.writeStringProperty("action", h.action());
            }
            case UPROBE -> {
                // ProcessUprobe's field order; a uretprobe's value is the last of args, as Tetragon merges it
                if (!hook.user().path().isEmpty()) {
                    g.writeStringProperty("path", hook.user().path());
                }
                if (!hook.function().isEmpty()) {
                    g.writeStringProperty("symbol", hook.function());
                }
                g.writeStringProperty("policy_name", hook.policyName());
                messageAndTags(g, hook, () -> args(g, h));
                if (hook.function().isEmpty() && hook.user().offset() != 0) {
                    g.writeNumberProperty("offset", hook.user().offset());
                }
                if (hook.user().refCtrOffset() != 0) {
                    g.writeNumberProperty("ref_ctr_offset", hook.user().refCtrOffset());
                }
                g.writeStringProperty("action", h.action());
                g.writeEndObject();
                return;
            }
            default -> {
                g.writeStringProperty("function_name", hook.function());
                args(g, h);
                if (h.returnValue() != null) {
                    g.writeName("return");
                    arg(g, h.returnValue());
                }
                g.writeStringProperty("action", h.action());
                g.writeStringProperty("policy_name", hook.policyName());
                if (h.returnAction() != null) {
                    g.writeStringProperty("return_action", h.returnAction());
                }
            }
        }
        messageAndTags(g, hook, () -> { });
        g.writeEndObject();
    }

    /** {@code message}, then {@code between} (ProcessUprobe puts args there), then {@code tags}. */
    private static void messageAndTags(JsonGenerator g, HookInfo hook, Runnable between) {
        if (!hook.message().isEmpty()) {
            g.writeStringProperty("message", hook.message());
        }
        between.run();
        if (!hook.tags().isEmpty()) {
            g.writeArrayPropertyStart("tags");
            for (String t : hook.tags()) {
                g.writeString(t);
            }
            g.writeEndArray();
        }
    }

    private void parent(JsonGenerator g, ProcessInfo parent) {
        if (parent != null) {
            process(g, "parent", parent, parent.pid());
        }
    }

    private void process(JsonGenerator g, String name, ProcessInfo p, int tid) {
        g.writeObjectPropertyStart(name);
        g.writeStringProperty("exec_id", ExecIds.of(nodeName, p.ktime(), p.pid()));
        g.writeNumberProperty("pid", p.pid());
        g.writeNumberProperty("uid", p.uid());
        if (!p.cwd().isEmpty()) {
            g.writeStringProperty("cwd", p.cwd());
        }
        if (!p.binary().isEmpty()) {
            g.writeStringProperty("binary", p.binary());
        }
        if (!p.arguments().isEmpty()) {
            g.writeStringProperty("arguments", p.arguments());
        }
        String flags = p.flagWords();
        if (!flags.isEmpty()) {
            g.writeStringProperty("flags", flags);
        }
        if (p.ktime() != 0) {
            g.writeStringProperty("start_time", Times.rfc3339(bootOffsetNanos + p.ktime()));
        }
        g.writeNumberProperty("auid", p.auid());
        if (p.ppid() > 0) {
            g.writeStringProperty("parent_exec_id", ExecIds.of(nodeName, p.pktime(), p.ppid()));
        }
        g.writeNumberProperty("tid", tid);
        g.writeEndObject();
    }

    private static void args(JsonGenerator g, Event.Hook h) {
        g.writeArrayPropertyStart("args");
        for (ArgValue a : h.args()) {
            arg(g, a);
        }
        if (h.returnValue() != null && h.hook().kind() == HookInfo.Kind.UPROBE) {
            arg(g, h.returnValue());
        }
        g.writeEndArray();
    }

    /** One KprobeArgument object. */
    private static void arg(JsonGenerator g, ArgValue a) {
        {
            g.writeStartObject();
            if (a instanceof ArgValue.Number n) {
                g.writeName(n.key());
                g.writeNumber(n.value());
            } else if (a instanceof ArgValue.Text t) {
                g.writeStringProperty("string_arg", t.value());
            } else if (a instanceof ArgValue.Data d) {
                String b64 = Base64.getEncoder().encodeToString(d.value());
                if (d.truncated()) {
                    g.writeObjectPropertyStart("truncated_bytes_arg");
                    g.writeStringProperty("bytes_arg", b64);
                    g.writeNumberProperty("orig_size", d.originalSize());
                    g.writeEndObject();
                } else {
                    g.writeStringProperty("bytes_arg", b64);
                }
            } else if (a instanceof ArgValue.PathArg p) {
                g.writeObjectPropertyStart(p.key());
                g.writeStringProperty("path", p.path());
                g.writeEndObject();
            }
            if (!a.label().isEmpty()) {
                g.writeStringProperty("label", a.label());
            }
            g.writeEndObject();
        }
    }
}
