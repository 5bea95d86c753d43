package dev.tpc.runtime.events;

import dev.tpc.runtime.plan.HookInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * One line per event, like {@code tetra getevents -o compact}: an emoji, a verb, the binary and
 * its arguments, then what is particular to the event.
 */
public final class CompactEventWriter implements EventSink {
    private final Writer out;

    public CompactEventWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Event event) {
        try {
            out.write(line(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String line(Event event) {
        if (event instanceof Event.Exec e) {
            return join("🚀 process", processText(e.process()));
        }
        if (event instanceof Event.Exit e) {
            String how = e.signal() != 0 ? Signals.name(e.signal()) : Integer.toString(e.status());
            return join(join("💥 exit", processText(e.process())), how);
        }
        Event.Hook h = (Event.Hook) event;
        HookInfo hook = h.hook();
        if (hook.kind() == HookInfo.Kind.UPROBE) {
            return join(join(join("🕵️ uprobe", binaryOf(h.process())), hook.user().path()), hook.function());
        }
        String what = hook.kind() == HookInfo.Kind.TRACEPOINT ? hook.subsys() + "/" + hook.event() : hook.function();
        return join(join("❓ syscall", binaryOf(h.process())), what);
    }

    private static String processText(ProcessInfo p) {
        return join(binaryOf(p), p.arguments());
    }

    private static String binaryOf(ProcessInfo p) {
        return p.binary().isEmpty() ? "pid " + p.pid() : p.binary();
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + " " + b;
    }
}
