package dev.tpc.api;

import dev.tpc.target.TargetTracepoints;
import dev.tpc.target.TracepointFormat;
import dev.tpc.target.TracepointFormatException;
import dev.tpc.target.TracepointTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --tracepoint-format FILE}: tracefs formats that replace (or add to) the shipped tables
 * for every target. A file is either one tracefs {@code format} file, whose subsystem is read from
 * its path ({@code .../<subsys>/<event>/format}), or several formats each after a line
 * {@code === subsys/event}.
 */
record TracepointOverrides(List<TracepointFormat> formats) {
    private static final long MAX_BYTES = 16L << 20;

    static TracepointOverrides none() {
        return new TracepointOverrides(List.of());
    }

    static TracepointOverrides read(List<Path> files, Path workingDirectory) throws InvalidRequestException {
        List<TracepointFormat> out = new ArrayList<>();
        for (Path given : files) {
            Path p = workingDirectory.resolve(given).normalize();
            String text;
            try {
                if (!Files.isRegularFile(p)) {
                    String kind = IoReasons.kind(p);
                    throw invalid(kind.equals("missing") ? "no such file: " + given : given + " is " + kind + ", not a format file");
                }
                if (Files.size(p) > MAX_BYTES) {
                    throw invalid(given + " is larger than " + MAX_BYTES + " bytes");
                }
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw invalid("cannot read " + given + ": " + (e instanceof IOException io ? IoReasons.why(io, p) : e.getMessage()));
            }
            try {
                if (text.lines().anyMatch(l -> l.startsWith("=== "))) {
                    out.addAll(TracepointTable.parseSections(text).formats());
                } else {
                    Path event = p.getParent();
                    Path subsystem = event == null ? null : event.getParent();
                    if (subsystem == null || subsystem.getFileName() == null) {
                        throw invalid("cannot tell the subsystem of " + given
                                + ": give the tracefs path .../<subsys>/<event>/format, or a file of formats each after"
                                + " a line '=== subsys/event'");
                    }
                    TracepointFormat f = TracepointFormat.parse(subsystem.getFileName().toString(), text);
                    if (!f.event().equals(event.getFileName().toString())) {
                        throw invalid(given + " describes event " + f.event()
                                + ", not " + event.getFileName());
                    }
                    out.add(f);
                }
            } catch (TracepointFormatException e) {
                throw invalid(given + ": " + e.getMessage());
            }
        }
        return new TracepointOverrides(out);
    }

    private static InvalidRequestException invalid(String problem) {
        return new InvalidRequestException(InvalidRequestException.Field.TRACEPOINT_FORMATS, "--tracepoint-format: " + problem);
    }

    /** The shipped tables with these formats in place, for the check and for lowering. */
    TargetTracepoints tables() {
        return TargetTracepoints.withFormats(formats);
    }
}
