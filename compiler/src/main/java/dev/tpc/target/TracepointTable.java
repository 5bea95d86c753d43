package dev.tpc.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tracepoint formats of one kernel build, keyed by {@code subsys/event}.
 *
 * <p>Two text forms are read. The <em>sections</em> form is what a node's tracefs gives, several
 * {@code format} files concatenated, each after a line {@code === subsys/event}. The
 * <em>compact</em> form is what the project ships per target profile (see
 * {@code docs/encoding.md}, "Tracepoint tables"):
 *
 * <pre>
 * # comment
 * kernel	&lt;uname -r of the kernel the formats were read from&gt;
 * common	&lt;field&gt;	&lt;field&gt;...        the common_* header every event starts with
 * &lt;subsys/event&gt;	&lt;ID&gt;	&lt;field&gt;...  the event's own fields, after the common ones
 * </pre>
 *
 * where a {@code <field>} is {@code declaration;offset;size;signed}, exactly as in tracefs
 * ({@code unsigned long args[6];16;48;0}). Columns are separated by one tab.
 */
public final class TracepointTable {
    private final String kernelRelease;
    private final Map<String, TracepointFormat> formats;

    public TracepointTable(String kernelRelease, List<TracepointFormat> formats) {
        this.kernelRelease = kernelRelease;
        Map<String, TracepointFormat> byKey = new LinkedHashMap<>();
        for (TracepointFormat f : formats) {
            byKey.put(f.key(), f);
        }
        this.formats = Collections.unmodifiableMap(byKey);
    }

    /** The release the formats were read from, or "" when unknown. */
    public String kernelRelease() {
        return kernelRelease;
    }

    public Optional<TracepointFormat> find(String subsystem, String event) {
        return Optional.ofNullable(formats.get(subsystem + "/" + event));
    }

    public List<TracepointFormat> formats() {
        return List.copyOf(formats.values());
    }

    public int size() {
        return formats.size();
    }

    /**
     * Reads several tracefs format files, each after a line {@code === subsys/event}. A leading
     * {@code # kernel: <release> ...} comment names the kernel.
     */
    public static TracepointTable parseSections(String text) throws TracepointFormatException {
        String[] lines = text.split("\n", -1);
        String release = "";
        List<TracepointFormat> out = new ArrayList<>();
        String key = null;
        int start = -1;
        for (int i = 0; i <= lines.length; i++) {
            boolean end = i == lines.length;
            String line = end ? null : lines[i];
            if (end || line.startsWith("=== ")) {
                if (key != null) {
                    out.add(section(key, lines, start, i));
                }
                if (!end) {
                    key = line.substring(4).strip();
                    start = i + 1;
                }
            } else if (key == null) {
                if (line.startsWith("# kernel:")) {
                    String rest = line.substring("# kernel:".length()).strip();
                    int sp = rest.indexOf(' ');
                    release = sp < 0 ? rest : rest.substring(0, sp);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    throw new TracepointFormatException(i + 1, "expected '=== subsys/event' before the first format");
                }
            }
        }
        return new TracepointTable(release, out);
    }

    private static TracepointFormat section(String key, String[] lines, int from, int to) throws TracepointFormatException {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1 || key.indexOf('/', slash + 1) >= 0) {
            throw new TracepointFormatException(from, "section name must be subsys/event: " + key);
        }
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
        return TracepointFormat.parse(key.substring(0, slash), key.substring(slash + 1), body, from);
    }

    /** Reads the compact form. */
    public static TracepointTable parseCompact(String text) throws TracepointFormatException {
        String[] lines = text.split("\n", -1);
        String release = "";
        List<TracepointFormat.Field> common = null;
        List<TracepointFormat> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            switch (cols[0]) {
                case "kernel" -> release = cols.length > 1 ? cols[1] : "";
                case "common" -> common = fields(cols, 1, lineNo);
                default -> {
                    if (common == null) {
                        throw new TracepointFormatException(lineNo, "event before the 'common' line");
                    }
                    if (cols.length < 2) {
                        throw new TracepointFormatException(lineNo, "event line needs subsys/event and ID");
                    }
                    int slash = cols[0].indexOf('/');
                    if (slash <= 0 || slash == cols[0].length() - 1) {
                        throw new TracepointFormatException(lineNo, "not subsys/event: " + cols[0]);
                    }
                    long id;
                    try {
                        id = Long.parseLong(cols[1]);
                    } catch (NumberFormatException e) {
                        throw new TracepointFormatException(lineNo, "ID is not a number: " + cols[1]);
                    }
                    List<TracepointFormat.Field> all = new ArrayList<>(common);
                    all.addAll(fields(cols, 2, lineNo));
                    out.add(new TracepointFormat(cols[0].substring(0, slash), cols[0].substring(slash + 1), id, all));
                }
            }
        }
        return new TracepointTable(release, out);
    }

    private static List<TracepointFormat.Field> fields(String[] cols, int from, int lineNo) throws TracepointFormatException {
        List<TracepointFormat.Field> out = new ArrayList<>();
        for (int c = from; c < cols.length; c++) {
            String[] p = cols[c].split(";", -1);
            if (p.length != 4) {
                throw new TracepointFormatException(lineNo, "field must be declaration;offset;size;signed: " + cols[c]);
            }
            out.add(TracepointFormat.parseField(
                    "field:" + p[0] + ";offset:" + p[1] + ";size:" + p[2] + ";signed:" + p[3] + ";", lineNo));
        }
        return out;
    }

    /**
     * Writes the compact form. Every event must start with the same {@code common_*} fields (the
     * kernel's {@code struct trace_entry}); the table refuses otherwise.
     */
    public String toCompact(List<String> headerComments) {
        StringBuilder sb = new StringBuilder();
        for (String c : headerComments) {
            sb.append("# ").append(c).append('\n');
        }
        sb.append("kernel\t").append(kernelRelease).append('\n');
        List<TracepointFormat.Field> common = formats.isEmpty() ? List.of() : commonPrefix(formats.values().iterator().next());
        sb.append("common");
        common.forEach(f -> sb.append('\t').append(compact(f)));
        sb.append('\n');
        for (TracepointFormat f : formats.values()) {
            if (f.fields().size() < common.size() || !f.fields().subList(0, common.size()).equals(common)) {
                throw new IllegalStateException(f.key() + " does not start with the common fields of the table");
            }
            sb.append(f.key()).append('\t').append(f.id());
            f.fields().subList(common.size(), f.fields().size()).forEach(x -> sb.append('\t').append(compact(x)));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static List<TracepointFormat.Field> commonPrefix(TracepointFormat f) {
        int n = 0;
        while (n < f.fields().size() && f.fields().get(n).isCommon()) {
            n++;
        }
        return f.fields().subList(0, n);
    }

    private static String compact(TracepointFormat.Field f) {
        return f.declaration() + ";" + f.offset() + ";" + f.size() + ";" + (f.signed() ? 1 : 0);
    }
}
