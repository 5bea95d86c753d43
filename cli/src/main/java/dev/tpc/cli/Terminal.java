package dev.tpc.cli;

/** Whether to color output, following the NO_COLOR convention. */
final class Terminal {
    /** The values of --color. */
    static final java.util.Set<String> WHEN = java.util.Set.of("auto", "always", "never");

    private Terminal() {}

    static boolean color(String when) {
        return switch (when) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
