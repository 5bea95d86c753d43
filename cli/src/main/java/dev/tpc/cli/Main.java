package dev.tpc.cli;

import dev.tpc.api.ToolInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tpc} command. Each verb maps its options onto one core request and renders the result. */
@Command(name = "tpc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Check, compile and run Cilium Tetragon TracingPolicy resources before they reach a node.", ""},
        subcommands = {CheckCommand.class, CompileCommand.class, ExplainCommand.class, RulesCommand.class,
                RunCommand.class, ProbeCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 clean (or only warnings), 1 findings that fail the run, 2 usage error, 3 internal error."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("tpc: internal error: " + ex);
            if (System.getenv("TPC_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("tpc: set TPC_DEBUG=1 to see the stack trace, and please report it");
            }
            return 3;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            ToolInfo t = ToolInfo.current();
            return new String[] {t.banner(), "Tetragon upstream commit " + t.tetragonCommit(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
