package dev.tpc.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of one tracepoint's record, as the kernel publishes it in
 * {@code /sys/kernel/tracing/events/<subsys>/<event>/format}.
 *
 * <p>Field indexes count every field, including the four {@code common_*} ones: that is how
 * Tetragon numbers a tracepoint's {@code args[].index}, so {@link #fields()} keeps them in file
 * order.
 */
public record TracepointFormat(String subsystem, String event, long id, List<Field> fields) {

    public TracepointFormat {
        fields = List.copyOf(fields);
    }

    /** {@code subsys/event}, the way policies and Tetragon's attach names spell a tracepoint. */
    public String key() {
        return subsystem + "/" + event;
    }

    public Optional<Field> field(int index) {
        return index >= 0 && index < fields.size() ? Optional.of(fields.get(index)) : Optional.empty();
    }

    /**
     * One {@code field:} line. {@code declaration} is the text between {@code field:} and the first
     * {@code ;} (e.g. {@code unsigned long args[6]}); {@code cType} is the declaration without the
     * field name and array suffix ({@code unsigned long}); {@code arrayLength} is -1 for a scalar.
     */
    public record Field(String declaration, String cType, String name, int arrayLength,
                        int offset, int size, boolean signed) {

        public boolean isArray() {
            return arrayLength >= 0;
        }

        public boolean isCommon() {
            return name.startsWith("common_");
        }
    }

    /**
     * Parses the text of one tracefs {@code format} file. The file names the event but not its
     * subsystem, so the caller supplies it.
     */
    public static TracepointFormat parse(String subsystem, String text) throws TracepointFormatException {
        return parse(subsystem, null, text, 0);
    }

    /**
     * Parses one format; {@code lineOffset} is the number of lines before it in the enclosing file,
     * so messages name the file's line. {@code expectedEvent}, when not null, must equal the name.
     */
    static TracepointFormat parse(String subsystem, String expectedEvent, String text, int lineOffset)
            throws TracepointFormatException {
        String name = null;
        long id = -1;
        boolean inFormat = false;
        List<Field> fields = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int lineNo = lineOffset + i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("print fmt:")) {
                break;
            }
            if (!inFormat) {
                if (line.startsWith("name:")) {
                    name = line.substring("name:".length()).strip();
                } else if (line.startsWith("ID:")) {
                    id = parseUnsigned(line.substring("ID:".length()).strip(), "ID", lineNo);
                } else if (line.equals("format:")) {
                    inFormat = true;
                } else {
                    throw new TracepointFormatException(lineNo, "unexpected line before 'format:': " + shorten(line));
                }
                continue;
            }
            fields.add(parseField(line, lineNo));
        }
        if (name == null || name.isEmpty()) {
            throw new TracepointFormatException(lineOffset + 1, "no 'name:' line");
        }
        if (!inFormat) {
            throw new TracepointFormatException(lineOffset + 1, "no 'format:' line");
        }
        if (expectedEvent != null && !expectedEvent.equals(name)) {
            throw new TracepointFormatException(lineOffset + 1,
                    "format names event '" + name + "' but the section is for '" + expectedEvent + "'");
        }
        if (subsystem == null || subsystem.isBlank()) {
            throw new TracepointFormatException(lineOffset + 1, "the tracepoint's subsystem is not known");
        }
        return new TracepointFormat(subsystem, name, id, fields);
    }

    /** {@code field:<decl>;  offset:<n>;  size:<n>;  signed:<0|1>;} (tab separated in tracefs). */
    static Field parseField(String line, int lineNo) throws TracepointFormatException {
        if (!line.startsWith("field:")) {
            throw new TracepointFormatException(lineNo, "expected a 'field:' line: " + shorten(line));
        }
        String[] parts = line.substring("field:".length()).split(";");
        if (parts.length < 4) {
            throw new TracepointFormatException(lineNo, "field line needs declaration, offset, size and signed: " + shorten(line));
        }
        String declaration = parts[0].strip();
        int offset = (int) attribute(parts[1], "offset", lineNo);
        int size = (int) attribute(parts[2], "size", lineNo);
        long signed = attribute(parts[3], "signed", lineNo);
        if (signed > 1) {
            throw new TracepointFormatException(lineNo, "signed must be 0 or 1: " + shorten(line));
        }
        int cut = declaration.lastIndexOf(' ');
        if (cut <= 0) {
            throw new TracepointFormatException(lineNo, "field declaration needs a type and a name: " + shorten(declaration));
        }
        String type = declaration.substring(0, cut).strip();
        String name = declaration.substring(cut + 1);
        int arrayLength = -1;
        int bracket = name.indexOf('[');
        if (bracket >= 0) {
            if (!name.endsWith("]") || bracket == 0) {
                throw new TracepointFormatException(lineNo, "cannot read array field: " + shorten(declaration));
            }
            String len = name.substring(bracket + 1, name.length() - 1);
            arrayLength = len.isEmpty() ? 0 : (int) parseUnsigned(len, "array length", lineNo);
            name = name.substring(0, bracket);
        }
        return new Field(declaration, type, name, arrayLength, offset, size, signed == 1);
    }

    private static long attribute(String part, String key, int lineNo) throws TracepointFormatException {
        String p = part.strip();
        if (!p.startsWith(key + ":")) {
            throw new TracepointFormatException(lineNo, "expected '" + key + ":' but found: " + shorten(p));
        }
        return parseUnsigned(p.substring(key.length() + 1).strip(), key, lineNo);
    }

    private static long parseUnsigned(String s, String what, int lineNo) throws TracepointFormatException {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TracepointFormatException(lineNo, what + " is not a small unsigned number: " + shorten(s));
        }
        return Long.parseLong(s);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
