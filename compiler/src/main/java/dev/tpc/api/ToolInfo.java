package dev.tpc.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** tpc's own version and the Tetragon version whose behaviour it models. */
public record ToolInfo(String name, String version, String tetragonSchemaVersion, String tetragonCommit) {
    private static final ToolInfo CURRENT = load();

    public static ToolInfo current() {
        return CURRENT;
    }

    /** "tpc 0.1.0 (models Tetragon CRD schema 1.8.13)". */
    public String banner() {
        return name + " " + version + " (models Tetragon CRD schema " + tetragonSchemaVersion + ")";
    }

    private static ToolInfo load() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ToolInfo("tpc", p.getProperty("version", "dev"),
                p.getProperty("tetragonSchemaVersion", "1.8.13"), p.getProperty("tetragonCommit", "4fbfe2d7"));
    }
}
