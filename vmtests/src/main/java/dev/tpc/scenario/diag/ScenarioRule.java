package dev.tpc.scenario.diag;

import dev.tpc.diag.Rule;
import dev.tpc.diag.Severity;

/**
 * Findings about scenario files ({@code .tps}): TS0xxx reading and syntax, TS1xxx meaning, TS2xxx
 * references to other files, TS3xxx warnings. Codes never change meaning once released;
 * {@code docs/scenarios.md} lists each with an example.
 */
public enum ScenarioRule implements Rule {
    SYNTAX("TS0001", Severity.ERROR, "The file does not follow the grammar of the scenario language."),
    BINARY("TS0002", Severity.ERROR, "The file is binary or not valid UTF-8."),
    TOO_LARGE("TS0003", Severity.ERROR, "The file exceeds the size limit."),
    UNREADABLE("TS0004", Severity.ERROR, "The file cannot be read."),
    LIMIT("TS0005", Severity.ERROR, "The file exceeds a structural limit: scenarios, steps, calls, conditions, arguments, string length or findings."),

    UNKNOWN_SYSCALL("TS1001", Severity.ERROR, "A step calls a system call the workload helper does not know."),
    ARGUMENT_COUNT("TS1002", Severity.ERROR, "A system call is given more or fewer arguments than it takes."),
    ARGUMENT_KIND("TS1003", Severity.ERROR, "An argument is not of the kind its parameter takes (a string for a file descriptor, a number for a pid, ...)."),
    UNKNOWN_CONSTANT("TS1004", Severity.ERROR, "A constant name is unknown, or belongs to another group than the parameter or expectation takes."),
    UNKNOWN_REFERENCE("TS1005", Severity.ERROR, "An argument names no earlier call of the same step."),
    BAD_NUMBER("TS1006", Severity.ERROR, "A number, duration or kernel version is malformed or out of range."),
    BAD_STRING("TS1007", Severity.ERROR, "A string has an unknown escape, or is not text where text is needed."),
    UNKNOWN_EVENT_KIND("TS1008", Severity.ERROR, "An event expectation names a kind of event tpc does not print."),
    UNKNOWN_FIELD("TS1009", Severity.ERROR, "A field path names nothing the event's JSON holds."),
    COMPARISON("TS1010", Severity.ERROR, "A comparison does not fit its field or value (text compared by order, a number with startswith, a count on an absent event)."),
    BAD_REGEX("TS1011", Severity.ERROR, "The pattern of a matches condition is not a valid regular expression."),
    DUPLICATE_NAME("TS1012", Severity.ERROR, "Two scenarios of a file, two steps of a scenario, or two bindings of a step have the same name."),
    DUPLICATE_SETTING("TS1013", Severity.ERROR, "A setting or expectation is given twice, or contradicts another (an exit and a kill)."),
    UNKNOWN_FEATURE("TS1014", Severity.ERROR, "A requires line names a kernel feature no target profile has."),
    UNKNOWN_VALUE("TS1015", Severity.ERROR, "A mode, architecture or kernel comparison is not one the language knows."),
    MISSING_PART("TS1016", Severity.ERROR, "A scenario has no policy or no step, or a step has no workload."),
    MISPLACED("TS1017", Severity.ERROR, "An item is where it cannot apply: a call's expectation not after a call, a command and calls in one step."),
    SETUP_PATH("TS1018", Severity.ERROR, "A setup path is empty, absolute or leaves the scratch directory."),
    NOT_ON_ARCH("TS1019", Severity.ERROR, "A system call does not exist on the scenario's architecture."),
    BAD_ADDRESS("TS1020", Severity.ERROR, "A socket address is not an IP address literal, or a unix socket path is empty or too long."),
    IMPOSSIBLE_VALUE("TS1021", Severity.ERROR, "A field is compared with a value tpc never prints there (an action or a signal name)."),

    POLICY_NOT_FOUND("TS2001", Severity.ERROR, "A policy file does not exist or is not a regular file."),
    NOT_A_POLICY("TS2002", Severity.ERROR, "A policy file is neither YAML (.yaml, .yml) nor a bundle (.tpb)."),

    CHECKS_NOTHING("TS3001", Severity.WARNING, "A step has no expectation of its own: no fate, no event, no call result.");

    private final String code;
    private final Severity severity;
    private final String summary;

    ScenarioRule(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return severity; }
    @Override public String summary() { return summary; }
}
