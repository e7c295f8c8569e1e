package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.zotuner.tuner.testing.ChildJvm;
import dev.zotuner.tuner.testing.TinyRun;
import dev.zotuner.tuner.testing.TinyTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real SIGTERM and SIGINT sent with {@code kill} to the built CLI ({@code target/zo-tuner.jar}) in a child JVM while it
 * runs ONNX Runtime on a tiny model: fine-tuning (signalled after 30 logged steps), evaluation (after its first seed),
 * trace (after its first probes) and the benchmarks that run ORT in this JVM or in children ({@code zo bench forward},
 * {@code step}, {@code scale}). Each must exit with 143 / 130 and one final line, leave no HotSpot crash report
 * ({@code hs_err_pid*.log}, what a JVM exit under a running session left before), and a fine-tuning run must resume to
 * the step log of the uninterrupted run.
 */
class GracefulStopIT {

    private static final String CLASS_PATH = Path.of("target", "zo-tuner.jar").toAbsolutePath().toString();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir Path tmp;

    private static ChildJvm zo(Path cwd, String... args) {
        return ChildJvm.zo(cwd, CLASS_PATH, List.of(), List.of(args));
    }

    /**
     * Skips a case when this JVM was started with {@code signal} ignored, which its children inherit: a shell without job
     * control starts background commands ({@code cmd &}) with SIGINT ignored, and a JVM keeps an ignored SIGINT ignored
     * (as it should: that user asked for no Ctrl-C). Linux's {@code /proc/self/status} says so ({@code SigIgn}).
     */
    private static void assumeDeliverable(String signal) {
        int number = switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(signal);
        };
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    assumeFalse((ignored >> (number - 1) & 1) == 1, "SIG" + signal + " is ignored by this JVM (started "
                            + "in the background of a shell without job control), so by its children too");
                }
            }
        } catch (IOException e) {
            // not Linux: send it
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static long stepLines(Path runDir) {
        Path metrics = runDir.resolve("metrics.jsonl");
        try {
            return Files.isRegularFile(metrics)
                    ? Files.readAllLines(metrics).stream().filter(l -> l.contains("\"type\":\"step\"")).count() : 0;
        } catch (IOException e) {
            return 0;       // being written
        }
    }

    /** metrics.jsonl without wall times and resume markers: what an uninterrupted run writes. */
    private static List<String> log(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("metrics.jsonl")).stream().filter(l -> !l.contains("\"type\":\"resume\""))
                .map(l -> l.replaceAll("\"(train_)?seconds\":[0-9.Ee-]+,?", "")).toList();
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void fineTuningStopsAfterAWholeStepAndResumesToTheUninterruptedLog(String signal, int status) throws IOException {
        assumeDeliverable(signal);
        TinyRun files = TinyRun.mlm(tmp, 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        Path stopped = tmp.resolve("stopped");
        List<String> options = List.of("--k", "4", "--steps", "4000", "--eval-every", "250", "--snapshot-every", "1000");
        List<String> args = new ArrayList<>(List.of(files.args(List.of("finetune"), options.toArray(String[]::new))));
        args.addAll(List.of("--run-dir", stopped.toString()));
        try (ChildJvm child = zo(tmp.resolve("cwd"), args.toArray(String[]::new))) {
            assertTrue(child.await(() -> stepLines(stopped) >= 30, START), child.err());
            child.signal(signal);
            assertEquals(status, child.exitWithin(STOP), child.err());
            Matcher m = Pattern.compile("zo finetune: SIG" + signal + ": stopped at step (\\d+); resume with zo finetune "
                    + "--resume " + Pattern.quote(stopped.toString())).matcher(lastLine(child.err()));
            assertTrue(m.matches(), child.err());
            long step = Long.parseLong(m.group(1));
            assertTrue(step >= 30 && step < 4000, "stopped at " + step);
            assertEquals(step, stepLines(stopped), "the log ends with the step it names");
            assertEquals(List.of(), child.crashReports(), child.err());
        }
        CliRun resumed = CliRun.of("finetune", "--resume", stopped.toString(), "--cache-dir", files.cache().toString());
        assertEquals(0, resumed.exit(), resumed.err());
        Path straight = tmp.resolve("straight");
        List<String> again = new ArrayList<>(List.of(files.args(List.of("finetune"), options.toArray(String[]::new))));
        again.addAll(List.of("--run-dir", straight.toString()));
        assertEquals(0, CliRun.of(again.toArray(String[]::new)).exit());
        assertEquals(log(straight), log(stopped));
    }

    @Test
    void evaluationStopsBeforeItsNextForwardBatch() {
        TinyRun files = TinyRun.mlm(tmp, 40_000, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        String seeds = String.join(",", IntStream.rangeClosed(1, 200).mapToObj(Integer::toString).toList());
        try (ChildJvm child = zo(tmp.resolve("cwd"), files.args(List.of("eval"), "--test-cap", "20000", "--seeds", seeds))) {
            assertTrue(child.awaitErr(e -> e.contains("zo eval: seed 1:"), START), child.err());
            child.signal("TERM");
            assertEquals(143, child.exitWithin(STOP), child.err());
            assertEquals("zo eval: stopped by SIGTERM before it finished; nothing was written (run it again)",
                    lastLine(child.err()));
            assertEquals("", child.out(), "no table of a partial evaluation");
            assertEquals(List.of(), child.crashReports(), child.err());
        }
    }

    @Test
    void traceStopsBeforeItsNextForwardBatch() {
        assumeDeliverable("INT");
        TinyRun files = TinyRun.mlm(tmp, 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        try (ChildJvm child = zo(tmp.resolve("cwd"), files.args(List.of("trace"), "--k", "4", "--probes", "1000000"))) {
            assertTrue(child.awaitErr(e -> e.contains("zo trace: probe 2"), START), child.err());
            child.signal("INT");
            assertEquals(130, child.exitWithin(STOP), child.err());
            assertEquals("zo trace: stopped by SIGINT before it finished; nothing was written (run it again)",
                    lastLine(child.err().replace('\r', '\n')));
            assertEquals(List.of(), child.crashReports(), child.err());
        }
    }

    @Test
    void benchForwardStopsBeforeItsNextPairOfPasses() {
        TinyRun files = TinyRun.mlm(tmp, 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        try (ChildJvm child = zo(tmp.resolve("cwd"), "bench", "forward", "--model", files.model().toString(),
                "--cache-dir", files.cache().toString(), "--batch", "2", "--seq", "5", "--warmup", "1", "--runs", "1000000")) {
            assertTrue(child.awaitErr(e -> e.contains("zo bench forward: timed pair 3/1000000"), START), child.err());
            child.signal("TERM");
            assertEquals(143, child.exitWithin(STOP), child.err());
            assertEquals("zo bench forward: stopped by SIGTERM before it finished; nothing was written (run it again)",
                    lastLine(child.err()));
            assertEquals("", child.out(), "no result of a partial benchmark");
            assertEquals(List.of(), child.crashReports(), child.err());
        }
    }

    @Test
    void benchStepStopsBeforeItsNextForwardBatch() {
        assumeDeliverable("INT");
        TinyRun files = TinyRun.mlm(tmp, 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        try (ChildJvm child = zo(tmp.resolve("cwd"), files.args(List.of("bench", "step", "--k", "4"), "--threads", "1",
                "--repeats", "1000000", "--variants", "none"))) {
            assertTrue(child.awaitErr(e -> e.contains("zo bench step: timing:"), START), child.err());
            child.signal("INT");
            assertEquals(130, child.exitWithin(STOP), child.err());
            assertEquals("zo bench step: stopped by SIGINT before it finished; nothing was written (run it again)",
                    lastLine(child.err()));
            assertEquals("", child.out());
            assertEquals(List.of(), child.crashReports(), child.err());
        }
    }

    @Test
    void benchScaleEndsItsRunningChildGracefully() {
        Path model = TinyRun.mlm(tmp, 10, TinyTask.POSITIVE, TinyTask.NEGATIVE).model();
        Path out = tmp.resolve("scale.json");
        Path work = tmp.resolve("work");
        try (ChildJvm child = zo(tmp.resolve("cwd"), "bench", "scale", model.toString(), "--figures", "ort",
                "--runs", "100000000", "--out", out.toString(), "--work", work.toString())) {
            long[] seen = {0};
            assertTrue(child.await(() -> {      // its child has run for 5 s: past its start, in its forward passes
                boolean running = ProcessHandle.of(child.pid()).map(p -> p.children().findAny().isPresent()).orElse(false);
                seen[0] = running ? (seen[0] == 0 ? System.nanoTime() : seen[0]) : 0;
                return running && System.nanoTime() - seen[0] > 5_000_000_000L;
            }, START), child.err());
            List<ProcessHandle> probes = ProcessHandle.of(child.pid()).orElseThrow().children().toList();
            child.signal("TERM");
            assertEquals(143, child.exitWithin(STOP), child.err());
            assertEquals("zo bench scale: stopped by SIGTERM while measuring " + model + "; nothing was written",
                    lastLine(child.err()));
            assertFalse(Files.exists(out), "no report of a partial benchmark");
            assertTrue(probes.stream().noneMatch(ProcessHandle::isAlive), "its child was ended");
            assertEquals(List.of(), child.crashReports(), child.err());
        }
    }
}
