package dev.tpc.api;

import dev.tpc.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Findings a team has accepted for now. An entry matches a finding by file, code and message,
 * not by line, so that unrelated edits do not invalidate the baseline; each entry absorbs one
 * finding.
 */
public final class Baseline {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, Integer> remaining;

    private Baseline(Map<String, Integer> entries) {
        this.remaining = entries;
    }

    public static Baseline empty() {
        return new Baseline(new HashMap<>());
    }

    public static Baseline load(Path file) throws InvalidRequestException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidRequestException(InvalidRequestException.Field.BASELINE,
                    "cannot read baseline " + file + ": " + IoReasons.why(e, file));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new InvalidRequestException(InvalidRequestException.Field.BASELINE, "cannot read baseline " + file + ": not JSON"
                    + (at == null ? "" : " at " + at.getLineNr() + ":" + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        JsonNode findings = root.path("findings");
        if (!findings.isArray()) {
            throw new InvalidRequestException(InvalidRequestException.Field.BASELINE,
                    "baseline " + file + " has no \"findings\" list; write one with --write-baseline");
        }
        Map<String, Integer> entries = new HashMap<>();
        for (JsonNode f : findings) {
            entries.merge(key(f.path("file").asString(), f.path("code").asString(), f.path("message").asString()), 1, Integer::sum);
        }
        return new Baseline(entries);
    }

    /** True when the finding is known; consumes one matching entry. */
    boolean absorbs(Diagnostic d) {
        String k = key(d.span().file(), d.code(), d.message());
        Integer n = remaining.get(k);
        if (n == null || n == 0) {
            return false;
        }
        remaining.put(k, n - 1);
        return true;
    }

    /** Writes every finding of the report as a baseline. */
    public static void write(CheckReport report, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("tpcBaseline", 1);
        ArrayNode findings = root.putArray("findings");
        List<Diagnostic> all = new ArrayList<>(report.diagnostics().toList());
        all.sort(Diagnostic.ORDER);
        for (Diagnostic d : all) {
            ObjectNode f = findings.addObject();
            f.put("file", d.span().file());
            f.put("code", d.code());
            f.put("message", d.message());
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static String key(String file, String code, String message) {
        return file + '\u0000' + code + '\u0000' + message;
    }
}
