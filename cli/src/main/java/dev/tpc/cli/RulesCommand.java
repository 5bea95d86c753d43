package dev.tpc.cli;

import dev.tpc.diag.Rule;
import dev.tpc.diag.RuleCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every diagnostic code with its severity and summary (details: docs/diagnostics.md).")
final class RulesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if ("json".equals(format)) {
            StringBuilder b = new StringBuilder("[");
            boolean first = true;
            for (Rule r : RuleCatalog.all()) {
                b.append(first ? "\n" : ",\n").append("  {\"code\": \"").append(r.code()).append("\", \"severity\": \"")
                        .append(r.severity().label()).append("\", \"summary\": \"").append(jsonEscape(r.summary())).append("\"}");
                first = false;
            }
            out.println(b.append("\n]"));
        } else if ("text".equals(format)) {
            for (Rule r : RuleCatalog.all()) {
                out.printf("%s  %-7s  %s%n", r.code(), r.severity().label(), r.summary());
            }
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + format + "'; use text or json");
        }
        out.flush();
        return 0;
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
