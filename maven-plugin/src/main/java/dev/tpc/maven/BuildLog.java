package dev.tpc.maven;

import org.apache.maven.plugin.logging.Log;

/**
 * Where findings are written: Maven's log in the build, a list in tests. The level decides the
 * {@code [ERROR]} / {@code [WARNING]} / {@code [INFO]} prefix Maven prints.
 */
interface BuildLog {
    void error(String line);

    void warn(String line);

    void info(String line);

    /** Maven's log of a mojo. */
    static BuildLog of(Log log) {
        return new BuildLog() {
            @Override public void error(String line) { log.error(line); }
            @Override public void warn(String line) { log.warn(line); }
            @Override public void info(String line) { log.info(line); }
        };
    }
}
