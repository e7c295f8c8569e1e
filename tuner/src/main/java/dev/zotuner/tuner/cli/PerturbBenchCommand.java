package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.bench.BenchLayout;
import dev.zotuner.tuner.bench.PerturbBenchmark;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.perturb.NoiseGenerator;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.perturb.ReferenceNoise;
import dev.zotuner.tuner.perturb.ScalarNoise;
import dev.zotuner.tuner.perturb.VectorNoise;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zo bench perturb}: speed of the noise generators and of a MeZO step's passes over θ shaped
 * like the default model (22,565,376 floats), and the float32 drift of in-place restoration.
 */
@Command(name = "perturb",
        description = {"Times Gaussian noise generation and the fused passes of a MeZO step over a",
            "MiniLM-L6-shaped θ (22,565,376 floats), and measures in-place restoration drift.",
            "Example: zo bench perturb --json"},
        mixinStandardHelpOptions = true)
public final class PerturbBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin JsonOutput output;

    @Option(names = "--threads", defaultValue = "2", description = "Time passes with 1 .. N threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed repetitions per measurement; the best is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--samples", defaultValue = "16000000", description = "Samples per generator timing (default: ${DEFAULT-VALUE}; the reference generator uses 1/8).")
    long samples;

    @Option(names = "--drift-steps", defaultValue = "100", description = "In-place ZO-SGD steps (g = 0) for the drift measurement (default: ${DEFAULT-VALUE}).")
    int driftSteps;

    @Option(names = "--vocab", defaultValue = "30522", description = "Rows of the word embedding (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--layers", defaultValue = "6", description = "Transformer layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || repeats < 1 || samples < 1 || driftSteps < 0 || vocab < 1 || layers < 0) {
            throw new IllegalArgumentException("bench perturb: --threads, --repeats, --samples and --vocab must be >= 1, --drift-steps and --layers >= 0");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ParameterStore store = BenchLayout.minilm(vocab, layers);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("generator", NoiseGenerator.fastest().name());
        machine.put("load_average_at_start", loadAverage());
        out.put("machine", machine);
        out.put("elements", store.size());
        out.put("tensors", store.parameters().size());

        Map<String, Object> generators = new LinkedHashMap<>();
        generators.put("random_next_gaussian", PerturbBenchmark.randomGaussianNs(samples / 4));
        generators.put("reference", PerturbBenchmark.generatorNs(new ReferenceNoise(), samples / 8));
        generators.put("scalar", PerturbBenchmark.generatorNs(new ScalarNoise(), samples));
        if (NoiseGenerator.fastest() instanceof VectorNoise vector) {
            generators.put("vector", PerturbBenchmark.generatorNs(vector, samples));
        }
        out.put("generator_ns_per_sample", generators);

        PerturbBenchmark bench = new PerturbBenchmark(store, repeats);
        Map<String, Object> pass = new LinkedHashMap<>();
        Map<String, Object> steps = new LinkedHashMap<>();
        for (int t = 1; t <= threads; t++) {
            try (PerturbationEngine engine = new PerturbationEngine(t, NoiseKind.GAUSSIAN)) {
                pass.put(Integer.toString(t), bench.perturbPassNs(engine));
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("paper_4_passes", bench.naiveStepMs(engine));
                step.put("in_place_3_passes", bench.zoSgdStepMs(engine, Restoration.IN_PLACE));
                step.put("snapshot_3_passes", bench.zoSgdStepMs(engine, Restoration.SNAPSHOT));
                step.put("lookahead_2_passes", bench.lookaheadStepMs(engine));
                steps.put(Integer.toString(t), step);
            }
        }
        out.put("perturb_pass_ns_per_element_by_threads", pass);
        out.put("mezo_step_ms_by_threads", steps);
        try (PerturbationEngine engine = new PerturbationEngine(threads, NoiseKind.GAUSSIAN)) {
            out.put("in_place_drift", bench.drift(engine, driftSteps));
        }
        machine.put("load_average_at_end", loadAverage());
        print(out);
        return 0;
    }

    /** The 1-minute system load average (other processes competing for the cores), −1 if unknown. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void print(Map<String, Object> out) throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (output.enabled()) {
            w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            out.forEach((k, v) -> w.println(k + ": " + v));
        }
        w.flush();
    }
}
