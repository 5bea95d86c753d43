package dev.tpc.runtime.probe;

/**
 * Writes a {@link ProbeReport} in the target-profile file format (format 1,
 * docs/target-profiles.md) that {@code --target} reads. Facts the format has no key for are kept
 * as comments.
 */
public final class ProfileWriter {
    private ProfileWriter() {
    }

    public static String write(ProbeReport report, String name) {
        StringBuilder sb = new StringBuilder();
        sb.append("# tpc target profile (format: docs/target-profiles.md), written by tpc probe on this node.\n");
        for (String note : report.notes()) {
            sb.append("# probe: ").append(note).append('\n');
        }
        sb.append("format: 1\n");
        sb.append("name: ").append(quote(name)).append('\n');
        sb.append("description: ").append(quote("probed on " + report.release())).append('\n');
        sb.append("kernel:\n");
        sb.append("  version: ").append(quote(report.version())).append('\n');
        sb.append("  release: ").append(quote(report.release())).append('\n');
        sb.append("arch: ").append(report.arch()).append('\n');
        sb.append("features:\n");
        for (ProbeResult r : report.results()) {
            if (r.profileFeature()) {
                sb.append("  ").append(r.key()).append(": {value: ").append(r.value().text())
                        .append(", basis: ").append(r.basis()).append(", evidence: ").append(quote(r.evidence())).append("}\n");
            }
        }
        sb.append("limits:\n");
        sb.append("  string_match_max_length: {value: ").append(report.stringMatchMaxLength())
                .append(", basis: version, evidence: ").append(quote("Tetragon's string buckets for kernel " + report.version()))
                .append("}\n");
        sb.append("# other facts (no profile key):\n");
        for (ProbeResult r : report.results()) {
            if (!r.profileFeature()) {
                sb.append("#   ").append(r.key()).append(": ").append(r.value().text()).append(" (").append(r.evidence()).append(")\n");
            }
        }
        return sb.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.append('"').toString();
    }
}
