package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    private static final String STEP = "{\"type\":\"step\",\"step\":%d,\"loss_plus\":0.7,"
            + "\"loss_minus\":0.5,\"projected_grad\":1,\"lr\":1e-5,\"seconds\":1}\n";

    @TempDir
    Path root;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void runs() throws Exception {
        for (String name : new String[] {"a", "b"}) {
            Path dir = Files.createDirectories(root.resolve(name));
            Files.writeString(dir.resolve("config.json"),
                    "{\"optimizer\":\"zo-sgd\",\"lr\":" + ("a".equals(name) ? "1e-5" : "1e-6")
                            + ",\"eps\":1e-3}");
            Files.writeString(dir.resolve("metrics.jsonl"),
                    STEP.formatted(1) + STEP.formatted(2) + STEP.formatted(3));
        }
    }

    private int run(String... args) {
        CommandLine cl = ZoCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void defaultOutputIsTheFirstRunsReportDirectory() throws Exception {
        assertEquals(0, run("report", root.resolve("a").toString(), root.resolve("b").toString()));
        Path md = root.resolve("a/report/report.md");
        assertTrue(Files.exists(root.resolve("a/report/loss.png")));
        assertTrue(out.toString().contains(md.toString()), out.toString());
        String text = Files.readString(md);
        assertTrue(text.contains("| lr=1e-5 eps=1e-3 |") && text.contains("| lr=1e-6 eps=1e-3 |"),
                text);
    }

    @Test
    void outAndLabels() throws Exception {
        Path dest = root.resolve("sweep");
        assertEquals(0, run("report", root.resolve("a").toString(), root.resolve("b").toString(),
                "--out", dest.toString(), "--label", "small", "tiny"), err.toString());
        String text = Files.readString(dest.resolve("report.md"));
        assertTrue(text.contains("| small |") && text.contains("| tiny |"), text);
    }

    @Test
    void malformedLineIsOneLineNamingFileAndLine() throws Exception {
        Path metrics = root.resolve("b/metrics.jsonl");
        Files.writeString(metrics, STEP.formatted(1) + "{\"type\":\"step\",\"step\":2,\n"
                + STEP.formatted(3));
        assertEquals(1, run("report", root.resolve("a").toString(), root.resolve("b").toString()));
        String message = err.toString();
        assertTrue(message.startsWith("zo: " + metrics + ":2: malformed JSON"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void directoryWithoutMetricsIsOneLine() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertEquals(1, run("report", empty.toString()));
        assertEquals("zo: " + empty + ": no metrics.jsonl (not a run directory?)",
                err.toString().strip());
    }

    @Test
    void wrongNumberOfLabelsIsOneLine() {
        assertEquals(1, run("report", root.resolve("a").toString(), root.resolve("b").toString(),
                "--label", "one"));
        assertEquals("zo: --label given 1 time(s) for 2 run(s); give one per run or none",
                err.toString().strip());
    }

    @Test
    void noRunDirectoryIsAUsageError() {
        assertEquals(2, run("report"));
        assertTrue(err.toString().contains("RUN_DIR"), err.toString());
    }
}
