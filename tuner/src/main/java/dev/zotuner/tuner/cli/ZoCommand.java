package dev.zotuner.tuner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zo} entry point: forward-only fine-tuning of ONNX language models. */
@Command(name = "zo",
        mixinStandardHelpOptions = true,
        version = "zo-tuner 0.1.0",
        description = "Forward-only (zeroth-order) fine-tuning of ONNX language models.",
        subcommands = {CommandLine.HelpCommand.class})
public final class ZoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ZoCommand()).execute(args));
    }
}
