package dev.tpc.scenario.run;

import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.StepResult;

/** Progress of a run as it happens, for a front end's live display. Called on the runner's thread. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void scenarioStarted(ScenarioFile file, Scenario scenario) {
    }

    default void stepFinished(ScenarioFile file, Scenario scenario, StepResult step) {
    }

    default void scenarioFinished(ScenarioResult result) {
    }
}
