package dev.tpc.scenario;

import dev.tpc.scenario.lang.Bounds;
import dev.tpc.scenario.lang.TpsFrontEnd;

/**
 * The scenario language's entry point: reads a {@code .tps} file into the typed model of
 * {@code dev.tpc.scenario.model}, with findings at file:line:col for whatever is wrong in it
 * (codes in {@link dev.tpc.scenario.diag.ScenarioRule}). Never throws for bad input: a file that
 * cannot be read, is binary, huge or malformed gets diagnostics and no model.
 */
public final class Scenarios {
    private Scenarios() {}

    public static ParsedScenarios parse(ParseRequest request) {
        ParseRequest.Limits l = request.limits();
        TpsFrontEnd.Result r = TpsFrontEnd.parse(request.file(), request.shownAs(), request.text(), request.arch(),
                new Bounds(l.maxBytes(), l.maxScenarios(), l.maxSteps(), l.maxItems(), l.maxStringBytes(), l.maxFindings()));
        return new ParsedScenarios(r.file(), r.diagnostics(), r.source());
    }
}
