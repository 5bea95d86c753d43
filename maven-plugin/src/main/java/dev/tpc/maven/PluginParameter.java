package dev.tpc.maven;

/**
 * The goals' parameters as the user writes them, so that every message about a bad value names
 * the POM element and the property to change (as Jib's messages name {@code <to><image>}).
 */
enum PluginParameter {
    POLICY_DIRECTORIES("policyDirectories", "tpc.policyDirectories"),
    TARGETS("targets", "tpc.targets"),
    ARCH("arch", "tpc.arch"),
    FORMATS("formats", "tpc.formats"),
    FAIL_ON("failOn", "tpc.failOn"),
    BASELINE("baseline", "tpc.baseline"),
    REPORT_DIRECTORY("reportDirectory", "tpc.reportDirectory"),
    OUTPUT_DIRECTORY("outputDirectory", "tpc.outputDirectory"),
    // the scenario goals (test, and vmtest to come)
    SCENARIOS("scenarios", "tpc.scenarios"),
    FILTER("filter", "tpc.filter"),
    STEP_TIMEOUT("stepTimeout", "tpc.stepTimeout"),
    MIN_SELECTOR_COVERAGE("minSelectorCoverage", "tpc.minSelectorCoverage"),
    REPORTS_DIRECTORY("reportsDirectory", "tpc.reportsDirectory"),
    FAIL_IF_CANNOT_RUN("failIfCannotRun", "tpc.failIfCannotRun");

    private final String element;
    private final String property;

    PluginParameter(String element, String property) {
        this.element = element;
        this.property = property;
    }

    /** {@code <targets>}, as written in the plugin's {@code <configuration>}. */
    String element() {
        return "<" + element + ">";
    }

    String property() {
        return property;
    }

    /** "<targets> (-Dtpc.targets)". */
    String describe() {
        return element() + " (-D" + property + ")";
    }
}
