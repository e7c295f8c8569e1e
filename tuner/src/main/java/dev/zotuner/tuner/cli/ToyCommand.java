package dev.zotuner.tuner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zo toy}: experiments on analytic objectives whose answer is known exactly. */
@Command(name = "toy", description = "Toy experiments on analytic objectives (known answers).",
        mixinStandardHelpOptions = true, subcommands = {FlatMinimaCommand.class})
public final class ToyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
