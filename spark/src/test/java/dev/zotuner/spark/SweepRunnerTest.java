package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.testing.TinyRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's scheduling on {@code local[2]}: a run's own failure is listed while the others finish; a stop request
 * (what SIGTERM becomes) cancels the jobs, waits until no task runs, and leaves every started run resumable — running
 * the same tasks again finishes them.
 */
class SweepRunnerTest {

    @TempDir Path tmp;

    private RunTask task(TinyRun files, String name, long steps, String model) {
        List<String> args = new ArrayList<>(List.of(files.args(List.of(), "--k", "4", "--batch", "4", "--steps",
                Long.toString(steps), "--eval-every", "50", "--snapshot-every", "100")));
        args.set(args.indexOf("--model") + 1, model);
        return new RunTask(name, tmp.resolve("runs").resolve(name).toString(), args, List.of("--cache-dir",
                files.cache().toString()), tmp.resolve("logs").resolve(name + ".log").toString(), 0);
    }

    private static long steps(Path run) throws IOException {
        Path m = run.resolve("metrics.jsonl");
        return Files.isRegularFile(m) ? Files.readAllLines(m).stream().filter(l -> l.contains("\"type\":\"step\"")).count() : 0;
    }

    @Test
    void aRunsOwnFailureIsListedAndTheOthersFinish() throws InterruptedException {
        TinyRun files = TinyRun.encoder(tmp, 10);
        StringWriter err = new StringWriter();
        try (SparkApp app = SparkContexts.start("zo sweep test", "local[2]", 1)) {
            List<String> failures = new SweepRunner(app, new PrintWriter(err, true), () -> false).run(List.of(
                    task(files, "good", 4, files.model().toString()), task(files, "bad", 4, tmp.resolve("nowhere").toString())));
            assertEquals(1, failures.size(), err.toString());
            assertTrue(failures.get(0).startsWith("bad: "), failures.toString());
        }
        assertTrue(err.toString().contains("good: completed"), err.toString());
    }

    @Test
    void aStopCancelsTheRunsWhichStopAtAStepAndResumeFromThere() throws InterruptedException, IOException {
        TinyRun files = TinyRun.encoder(tmp, 10);
        List<RunTask> tasks = List.of(task(files, "a", 200_000, files.model().toString()),
                task(files, "b", 200_000, files.model().toString()));
        Path a = tmp.resolve("runs").resolve("a");
        Path b = tmp.resolve("runs").resolve("b");
        try (SparkApp app = SparkContexts.start("zo sweep test", "local[2]", 1)) {
            // the stop comes once both runs are under way (on a loaded machine b may start well after a)
            List<String> stopped = new SweepRunner(app, new PrintWriter(new StringWriter(), true), () -> {
                try {
                    return steps(a) >= 20 && steps(b) >= 20;
                } catch (IOException e) {
                    return false;
                }
            }).run(tasks);
            assertNull(stopped, "a stopped sweep");
            int running = 0;
            for (var e : app.sc().statusTracker().getExecutorInfos()) {
                running += e.numRunningTasks();
            }
            assertEquals(0, running, "no task runs (nor ONNX Runtime in it) once the sweep returns");
        }
        for (String run : List.of("a", "b")) {
            String log = Files.readString(tmp.resolve("logs").resolve(run + ".log"));
            assertTrue(log.contains("stopped at step"), log);
            assertTrue(steps(tmp.resolve("runs").resolve(run)) < 200_000, run);
        }
        long before = steps(a);
        RunTask.Outcome resumed = new RunTask("a", a.toString(), List.of(), List.of("--cache-dir", files.cache().toString(),
                "--stop-after", Long.toString(before + 5)), tmp.resolve("logs").resolve("a.log").toString(), 0).execute();
        assertEquals("stopped", resumed.status());
        assertEquals(before + 5, steps(a), "the stopped run resumes where it stopped");
    }
}
