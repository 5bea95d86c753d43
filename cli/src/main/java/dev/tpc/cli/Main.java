package dev.tpc.cli;

import dev.tpc.api.ToolInfo;
import dev.tpc.cli.spi.VerbProvider;
import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tpc} command. Each verb maps its options onto one core request and renders the result.
 * The core verbs are declared here; the verbs that load BPF programs come from {@link VerbProvider}s
 * on the class path, looked up only when the command line asks for something that is not a core
 * verb, so that check, compile, explain and rules neither need nor load them.
 */
@Command(name = "tpc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Check, compile and run Cilium Tetragon TracingPolicy resources before they reach a node.", ""},
        subcommands = {CheckCommand.class, CompileCommand.class, ExplainCommand.class, RulesCommand.class},
        footer = {"", "Exit status: 0 clean (or only warnings), 1 findings that fail the run, 2 usage error, 3 internal error."})
public final class Main implements Runnable {
    private static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        boolean coreVerb = firstVerb(args).filter(cli.getSubcommands()::containsKey).isPresent();
        boolean provided = false;
        if (!coreVerb) {
            try {
                provided = addProvidedVerbs(cli);
            } catch (ServiceConfigurationError | CommandLine.InitializationException e) {
                cli.getErr().println("tpc: internal error: cannot add the verbs found on the class path: " + e.getMessage());
                cli.getErr().flush();
                return INTERNAL_ERROR;
            }
        }
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("tpc: internal error: " + ex);
            if (System.getenv("TPC_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("tpc: set TPC_DEBUG=1 to see the stack trace, and please report it");
            }
            return INTERNAL_ERROR;
        });
        if (!coreVerb && !provided) {
            CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
            cli.setParameterExceptionHandler((ex, a) -> {
                int status = standard.handleParseException(ex, a);
                if (ex instanceof CommandLine.UnmatchedArgumentException && ex.getCommandLine() == cli) {
                    cli.getErr().println("tpc: the verbs that load BPF programs into a kernel come with tpc-cli-runtime,"
                            + " which is not on the class path of this tpc");
                }
                return status;
            });
        }
        return cli.execute(args);
    }

    /** The first argument that is not an option: the verb, if any (tpc itself has only -h and -V). */
    static Optional<String> firstVerb(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
    }

    /** Adds the verbs of every provider on the class path; whether there was one. */
    private static boolean addProvidedVerbs(CommandLine cli) {
        boolean any = false;
        for (VerbProvider provider : ServiceLoader.load(VerbProvider.class, Main.class.getClassLoader())) {
            for (Object command : provider.commands()) {
                cli.addSubcommand(command);
            }
            any = true;
        }
        return any;
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
