package dev.tpc.maven;

/**
 * Where findings are written: Maven's log in the build, a list in tests. The level decides the
 * {@code [ERROR]} / {@code [WARNING]} / {@code [INFO]} prefix Maven prints.
 */
interface BuildLog {
    void error(String line);

    void warn(String line);

    void info(String line);
}
