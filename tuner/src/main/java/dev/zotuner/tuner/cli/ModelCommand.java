package dev.zotuner.tuner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zo model}: commands about models. */
@Command(name = "model", description = "List the embedded models; inspect a model; generate a random-init one.", mixinStandardHelpOptions = true,
        subcommands = {ModelListCommand.class, ModelInspectCommand.class, ModelGenerateCommand.class})
public final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
