/**
 * Measurements behind the {@code zo bench} commands, kept apart from the command line: what is timed and how,
 * not how it is asked for or printed (the Picocli commands — {@code BenchCommand}, {@code StepBenchCommand},
 * {@code PerturbBenchCommand}, {@code BenchForwardCommand} — stay in {@code dev.zotuner.tuner.cli}).
 * {@link dev.zotuner.tuner.bench.StepBenchmark} times a forward pass against a full and a block step,
 * {@link dev.zotuner.tuner.bench.VariantBenchmark} the step of each way to train only part of the model,
 * {@link dev.zotuner.tuner.bench.PerturbBenchmark} the noise generators, perturbation passes and
 * restoration drift on the {@link dev.zotuner.tuner.bench.BenchLayout} of the default model. Two helpers are
 * also used outside the benchmarks: {@link dev.zotuner.tuner.bench.TimedObjective} (forward-pass count and
 * time, {@code zo trace}) and {@link dev.zotuner.tuner.bench.ResidentMemory} (peak RSS, {@code zo finetune}).
 *
 * <p>Timings are taken on a shared machine: repetitions after a warm-up, interleaved or best-of, as each class
 * says. Nothing here prints; the commands format the results.
 */
package dev.zotuner.tuner.bench;
