package dev.zotuner.tuner.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zo} entry point: forward-only fine-tuning of ONNX language models.
 *
 * <p>Errors from any subcommand are printed as one line, {@code zo: <cause>}, with exit status 1
 * (usage errors exit 2). Set {@code ZO_DEBUG=1} to see the stack trace.
 */
@Command(name = "zo",
        mixinStandardHelpOptions = true,
        version = dev.zotuner.tuner.train.ProvenanceConfig.TOOL_VERSION,
        description = "Forward-only (zeroth-order) fine-tuning of ONNX language models.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ModelCommand.class,
                BenchCommand.class,
                EvalCommand.class,
                FineTuneCommand.class,
                ExportCommand.class,
                TraceCommand.class,
                StabilityCommand.class,
                ReportCommand.class,
                ToyCommand.class,
        })
public final class ZoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Builds the configured command line (also used by tests), with every {@link ZoExtension} on the class path. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ZoCommand());
        for (ZoExtension extension : ServiceLoader.load(ZoExtension.class)) {
            cl.addSubcommand(extension);
        }
        return withOneLineErrors(cl);
    }

    /** {@code cl} with the CLI's one-line handlers for run and usage errors (also for commands run in-process). */
    static CommandLine withOneLineErrors(CommandLine cl) {
        cl.setExecutionExceptionHandler(ZoCommand::oneLineError);
        cl.setParameterExceptionHandler(ZoCommand::oneLineUsageError);
        return cl;
    }

    /**
     * A command line that does not parse (unknown option, bad value): one line naming the command, the option and the
     * cause, and where the usage is, instead of picocli's full usage text; exit status 2.
     */
    static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint = e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? "did you mean " + String.join(" or ", u.getSuggestions()) + "? " : "";
        err.println(name + ": " + msg.lines().findFirst().orElse(msg) + " (" + hint + name + " --help for usage)");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The one-line error handler of {@link #commandLine()}, for command lines built elsewhere. */
    static int oneLineError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (System.getenv("ZO_DEBUG") != null) {
            e.printStackTrace(err);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("zo: " + msg.lines().findFirst().orElse(msg));
        err.flush();
        return 1;
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
