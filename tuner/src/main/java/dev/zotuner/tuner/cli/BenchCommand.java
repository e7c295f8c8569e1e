package dev.zotuner.tuner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zo bench}: speed measurements; one subcommand per component. */
@Command(name = "bench",
        description = {"Speed benchmarks.", "Example: zo bench perturb --json"},
        mixinStandardHelpOptions = true,
        subcommands = {PerturbBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 0;
    }
}
