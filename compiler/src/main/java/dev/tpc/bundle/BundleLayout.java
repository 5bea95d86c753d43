package dev.tpc.bundle;

import java.util.Locale;

/** Entry names inside a bundle (docs/bundle-format.md, "Entries"). */
final class BundleLayout {
    static final String MANIFEST = BundleManifest.ENTRY;
    static final String POLICY = "policy.json";
    static final String LOADER = "loader.json";
    static final String FILTER = "filter.bin";
    static final String RETURN_FILTER = "return-filter.bin";
    static final String EVENT_CONFIG = "event-config.bin";
    static final String MAPS = "maps.bin";
    static final String MAPS_JSON = "maps.json";
    static final int FILTER_SIZE = 4096;
    static final int EVENT_CONFIG_SIZE = 736;

    private BundleLayout() {}

    /**
     * The directory of a target: {@code targets/} and its name with every character outside
     * {@code [A-Za-z0-9._+-]} replaced by {@code _} (a name of dots only becomes underscores).
     */
    static String targetDirectory(String targetName) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < targetName.length() && sb.length() < 64; i++) {
            char c = targetName.charAt(i);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '+' || c == '-';
            sb.append(safe ? c : '_');
        }
        String dir = sb.toString();
        if (dir.isEmpty() || dir.chars().allMatch(c -> c == '.')) {
            dir = "_".repeat(Math.max(1, dir.length()));
        }
        return "targets/" + dir;
    }

    /** {@code <targetDirectory>/hooks/0007}: four digits keep the archive order the hook order. */
    static String hookDirectory(String targetDirectory, int hook) {
        return targetDirectory + "/hooks/" + String.format(Locale.ROOT, "%04d", hook);
    }
}
