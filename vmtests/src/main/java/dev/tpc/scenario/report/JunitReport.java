package dev.tpc.scenario.report;

import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI dashboards read it: one {@code testsuite} per kernel, one {@code testcase} per
 * scenario (class name: the scenario file), failed with the expectation that failed, skipped with
 * its reason, an error when the run broke; selector coverage as suite properties.
 */
final class JunitReport {
    private JunitReport() {
    }

    static String render(List<RunReport> runs) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "tpc scenarios");
            x.writeAttribute("tests", Long.toString(runs.stream().mapToLong(r -> r.scenarios().size()).sum()));
            x.writeAttribute("failures", Long.toString(runs.stream().mapToLong(r -> r.count(Outcome.FAILED)).sum()));
            x.writeAttribute("errors", Long.toString(runs.stream().mapToLong(r -> r.count(Outcome.ERROR)).sum()));
            x.writeAttribute("skipped", Long.toString(runs.stream().mapToLong(r -> r.count(Outcome.SKIPPED)).sum()));
            x.writeAttribute("time", seconds(runs.stream().mapToLong(r -> r.time().toMillis()).sum()));
            x.writeCharacters("\n");
            for (RunReport run : runs) {
                suite(x, run);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return sw.toString();
    }

    private static void suite(XMLStreamWriter x, RunReport run) throws XMLStreamException {
        x.writeCharacters("  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "kernel " + run.kernel().name() + " (" + run.kernel().release() + ")");
        x.writeAttribute("tests", Integer.toString(run.scenarios().size()));
        x.writeAttribute("failures", Long.toString(run.count(Outcome.FAILED)));
        x.writeAttribute("errors", Long.toString(run.count(Outcome.ERROR)));
        x.writeAttribute("skipped", Long.toString(run.count(Outcome.SKIPPED)));
        x.writeAttribute("time", seconds(run.time().toMillis()));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "kernel.release", run.kernel().release());
        property(x, "accel", run.accel());
        run.selectorCoverage().ifPresent(p -> property(x, "selector.coverage.percent", String.format(Locale.ROOT, "%.1f", p)));
        for (SelectorCoverage c : run.coverage()) {
            for (int i = 0; i < c.selectors().size(); i++) {
                property(x, "selector.hits " + c.policy() + " " + c.hook() + " selectors[" + i + "]",
                        Long.toString(c.selectors().get(i)));
            }
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (ScenarioResult s : run.scenarios()) {
            testcase(x, s);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter x, String name, String value) {
        try {
            x.writeCharacters("\n      ");
            x.writeEmptyElement("property");
            x.writeAttribute("name", name);
            x.writeAttribute("value", value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void testcase(XMLStreamWriter x, ScenarioResult s) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", s.file());
        x.writeAttribute("name", s.name());
        x.writeAttribute("time", seconds(s.time().toMillis()));
        switch (s.outcome()) {
            case SKIPPED -> {
                x.writeCharacters("\n      ");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", s.reason());
            }
            case FAILED -> {
                x.writeCharacters("\n      ");
                x.writeStartElement("failure");
                x.writeAttribute("message", firstFailure(s));
                x.writeAttribute("type", "expectation");
                x.writeCharacters(details(s));
                x.writeEndElement();
            }
            case ERROR -> {
                x.writeCharacters("\n      ");
                x.writeStartElement("error");
                x.writeAttribute("message", s.reason().isEmpty() ? firstFailure(s) : s.reason().lines().findFirst().orElse(""));
                x.writeCharacters(s.reason() + "\n" + details(s));
                x.writeEndElement();
            }
            default -> {
            }
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static String firstFailure(ScenarioResult s) {
        for (StepResult st : s.steps()) {
            if (!st.problem().isEmpty()) {
                return "step \"" + st.name() + "\": " + st.problem();
            }
            for (ExpectationResult e : st.expectations()) {
                if (!e.passed()) {
                    return "step \"" + st.name() + "\": " + e.expected() + ": " + e.actual();
                }
            }
        }
        return s.outcome().label();
    }

    private static String details(ScenarioResult s) {
        StringBuilder sb = new StringBuilder();
        for (StepResult st : s.steps()) {
            sb.append("step \"").append(st.name()).append("\": ").append(st.outcome().label()).append(", ").append(st.fate())
                    .append('\n');
            for (ExpectationResult e : st.expectations()) {
                sb.append(e.passed() ? "  ok   " : "  FAIL ").append(e.expected());
                if (!e.passed()) {
                    sb.append("\n       ").append(e.actual());
                }
                sb.append('\n');
            }
            if (st.outcome() != Outcome.PASSED) {
                for (String ev : st.events()) {
                    sb.append("  event ").append(ev).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
