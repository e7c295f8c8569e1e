package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatMinimaCommandTest {

    @TempDir
    Path dir;

    @Test
    void gdAndZoRunsOverlayInAReport() throws Exception {
        Path gd = dir.resolve("gd");
        Path zo = dir.resolve("zo");
        CliRun a = CliRun.of("toy", "flat-minima", "--method", "gd", "--d", "10", "--steps", "3000",
                "--log-every", "500", "--run-dir", gd.toString());
        assertEquals(0, a.exit(), a.err());
        assertTrue(a.out().startsWith("gd completed 3000 steps in "), a.out());
        assertTrue(a.out().strip().endsWith("; " + gd), a.out());
        CliRun b = CliRun.of("toy", "flat-minima", "--method", "zo", "--d", "10", "--lr", "0.005", "--eps", "0.2",
                "--steps", "3000", "--log-every", "500", "--seed", "3", "--run-dir", zo.toString());
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.out().startsWith("zo-sgd completed 3000 steps in "), b.out());
        for (Path run : new Path[] {gd, zo}) {
            for (String file : new String[] {"config.json", "metrics.jsonl", "summary.json"}) {
                assertTrue(Files.isRegularFile(run.resolve(file)), run + "/" + file);
            }
        }
        assertTrue(Files.readString(zo.resolve("config.json")).contains("\"seed\" : 3"));

        Path out = dir.resolve("report");
        CliRun report = CliRun.of("report", gd.toString(), zo.toString(), "--out", out.toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(Files.isRegularFile(out.resolve("trace.png")) && Files.isRegularFile(out.resolve("loss.png")));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| gd lr=0.01 seed=42 |") && md.contains("| zo-sgd lr=5e-3 eps=0.2 seed=3 |"), md);
        assertTrue(md.contains("| 3000 |"), md);
    }

    @Test
    void badOptionsAreOneLine() throws Exception {
        assertOneLine("zo: --run-dir DIR is required", "toy", "flat-minima");
        String run = dir.resolve("r").toString();
        assertOneLine("zo: --method must be gd or zo, got 'sgd'", "toy", "flat-minima", "--method", "sgd", "--run-dir", run);
        assertOneLine("zo: --eps is the ZO perturbation scale; gradient descent has none",
                "toy", "flat-minima", "--method", "gd", "--eps", "0.1", "--run-dir", run);
        assertOneLine("zo: --lr must be finite and > 0, got 0.0", "toy", "flat-minima", "--lr", "0", "--run-dir", run);
        assertOneLine("zo: --steps must be >= 1, got 0", "toy", "flat-minima", "--steps", "0", "--run-dir", run);
        assertTrue(Files.notExists(dir.resolve("r")), "no run directory for bad options");
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("x"), "");
        assertOneLine("zo: " + used + ": exists and is not empty; resume that run or choose another directory",
                "toy", "flat-minima", "--run-dir", used.toString());
    }

    @Test
    void divergenceIsOneLine() {
        CliRun r = CliRun.of("toy", "flat-minima", "--method", "gd", "--lr", "1", "--d", "10", "--steps", "100",
                "--run-dir", dir.resolve("boom").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("zo: gd diverged at step "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    private static void assertOneLine(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.exit(), r.err());
        assertEquals(expected, r.err().strip());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
