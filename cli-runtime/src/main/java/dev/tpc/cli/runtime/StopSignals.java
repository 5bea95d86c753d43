package dev.tpc.cli.runtime;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGINT and SIGTERM ask a running {@code tpc run} to stop, instead of ending the JVM at once, so
 * that it can detach, unload, report lost events and exit 0. Uses the JDK's {@code sun.misc.Signal}
 * (module jdk.unsupported) through reflection; where it is missing, the JVM's default handling
 * stays and the kernel releases the programs when the process ends. {@link #close} puts the
 * previous handlers back.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM");

    private final List<Object[]> previous = new ArrayList<>();
    private Method handle;

    private StopSignals() {
    }

    static StopSignals install(Runnable onSignal) {
        StopSignals s = new StopSignals();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            s.handle = signal.getMethod("handle", signal, handler);
            Object proxy = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handler},
                    (p, m, args) -> {
                        if (m.getName().equals("handle")) {
                            onSignal.run();
                            return null;
                        }
                        return m.getName().equals("toString") ? "tpc run stop handler"
                                : m.getName().equals("hashCode") ? System.identityHashCode(p) : (Object) (p == args[0]);
                    });
            for (String name : NAMES) {
                Object sig = signal.getConstructor(String.class).newInstance(name);
                Object old = s.handle.invoke(null, sig, proxy);
                s.previous.add(new Object[] {sig, old});
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal here: Ctrl-C ends the JVM, and the kernel still releases everything
        }
        return s;
    }

    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                handle.invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // the handler stays; the process is about to finish the command anyway
            }
        }
        previous.clear();
    }
}
