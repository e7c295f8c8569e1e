package dev.zotuner.tuner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zo bench}: speed measurements (never done by unit tests). */
@Command(name = "bench", description = "Benchmarks.", mixinStandardHelpOptions = true,
        subcommands = {BenchForwardCommand.class, PerturbBenchCommand.class, StepBenchCommand.class,
                ScaleBenchCommand.class, ScaleProbeCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
