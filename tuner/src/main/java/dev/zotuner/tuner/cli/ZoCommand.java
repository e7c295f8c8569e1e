package dev.zotuner.tuner.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zo} entry point: forward-only fine-tuning of ONNX language models.
 *
 * <p>Errors from any subcommand are printed as one line, {@code zo: <cause>}, with exit status 1
 * (usage errors exit 2). Set {@code ZO_DEBUG=1} to see the stack trace. SIGTERM and SIGINT stop the commands that run
 * ONNX Runtime gracefully ({@link GracefulStop}): one line, exit status 143 / 130.
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

    private final GracefulStop stop;

    private ZoCommand(GracefulStop stop) {
        this.stop = stop;
    }

    /** This process's stop request (SIGTERM / SIGINT); {@link GracefulStop#inactive()} when run in-process. */
    public GracefulStop stop() {
        return stop;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Builds the configured command line (also used by tests), with every {@link ZoExtension} on the class path. */
    public static CommandLine commandLine() {
        return commandLine(GracefulStop.inactive());
    }

    /**
     * The stop request of the process whose command {@code spec} is (a sub-command at any depth), honoured from now on
     * ({@link GracefulStop#honour()}): SIGTERM / SIGINT no longer exit at once, the command checks this instead. Never
     * true for a command line built without one ({@link #commandLine()}: in-process runs).
     */
    static BooleanSupplier honouredStop(CommandLine.Model.CommandSpec spec) {
        return stopOf(spec).honour();
    }

    /** The stop request of the process whose command {@code spec} is; {@link GracefulStop#inactive()} in-process. */
    static GracefulStop stopOf(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof ZoCommand zo ? zo.stop : GracefulStop.inactive();
    }

    /** The command line whose commands honour {@code stop}. */
    static CommandLine commandLine(GracefulStop stop) {
        CommandLine cl = new CommandLine(new ZoCommand(stop));
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
        if (cl.getCommandSpec().root().userObject() instanceof ZoCommand zo && zo.stop.requested() && stoppedBy(e)) {
            err.println(cl.getCommandSpec().qualifiedName() + ": stopped by " + zo.stop.signalName()
                    + " before it finished; nothing was written (run it again)");
            err.flush();
            return zo.stop.exitStatus();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("zo: " + msg.lines().findFirst().orElse(msg));
        err.flush();
        return 1;
    }

    /** Whether {@code e} is a command giving up at a stop request ({@link java.util.concurrent.CancellationException}). */
    private static boolean stoppedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return false;
    }

    /** Runs the CLI and exits with its status; SIGTERM / SIGINT are handled from the start ({@link GracefulStop}). */
    public static void main(String[] args) {
        GracefulStop stop = GracefulStop.install();
        System.exit(commandLine(stop).execute(args));
    }
}
