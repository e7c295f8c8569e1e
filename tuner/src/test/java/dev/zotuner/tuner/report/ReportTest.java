package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on synthetic run directories: PNGs, report.md numbers, safety of inputs. */
class ReportTest {

    private static final List<String> FIGURES = List.of("loss.png", "dev-accuracy.png",
            "trace.png", "stability-ratio.png", "lambda-max.png");

    @TempDir
    Path root;
    private Path a;
    private Path b;

    @BeforeEach
    void runs() throws Exception {
        a = SyntheticRun.write(root.resolve("a"), 1e-4, 1e-3, 1, 1.0, 300, true, true);
        b = SyntheticRun.write(root.resolve("b"), 1e-5, 1e-3, 2, 2.0, 300, true, false);
    }

    private Report report() {
        return new Report(List.of(Run.load(a), Run.load(b)), List.of());
    }

    @Test
    void writesReadablePngsOfTheExpectedSizeHeadless() throws Exception {
        Path out = root.resolve("out");
        Report.Output written = report().write(out);
        assertEquals(FIGURES.stream().map(out::resolve).toList(), written.figures());
        for (String name : FIGURES) {
            BufferedImage image = ImageIO.read(out.resolve(name).toFile());
            assertNotNull(image, name + " is not a PNG ImageIO can read");
            assertEquals(ChartStyle.WIDTH, image.getWidth(), name);
            assertEquals(ChartStyle.HEIGHT, image.getHeight(), name);
        }
        assertEquals("true", System.getProperty("java.awt.headless"));
        assertTrue(GraphicsEnvironment.isHeadless());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(6, files.count(), "5 PNGs + report.md, no temporary files");
        }
    }

    @Test
    void bothRunsAreDrawnInTheirOwnColours() throws Exception {
        report().write(root.resolve("out"));
        BufferedImage loss = ImageIO.read(root.resolve("out/loss.png").toFile());
        assertTrue(count(loss, ChartStyle.colour(0)) > 200, "run a's EMA line");
        assertTrue(count(loss, ChartStyle.colour(1)) > 200, "run b's EMA line");
    }

    private static int count(BufferedImage image, Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void markdownEmbedsTheFiguresAndHasTheNumbers() throws Exception {
        Report.Output written = report().write(root.resolve("out"));
        String md = Files.readString(written.markdown());
        for (String name : FIGURES) {
            assertTrue(md.contains("](" + name + ")"), name);
        }
        // run a: curvature traces 1000·(j+1), η = 1e-4; last 20 % = j 8, 9 → (0.45 + 0.5)/2
        assertTrue(md.contains("| lr=1e-4 eps=1e-3 seed=1 | `" + a + "` | 300 | 80.0 | 80.0 (300) "
                + "| 81.3 | 10000 ± 190 | 20000 | 0.5 | 0.475 (2) |"), md);
        // run b: traces 2000·(j+1), η = 1e-5 → (0.09 + 0.1)/2; no summary: test accuracy absent
        assertTrue(md.contains("| lr=1e-5 eps=1e-3 seed=2 | `" + b + "` | 300 | 80.0 | 80.0 (300) "
                + "| — | 20000 ± 190 | 2e5 | 0.1 | 0.095 (2) |"), md);
    }

    @Test
    void sameRunsSameBytes() throws Exception {
        report().write(root.resolve("one"));
        report().write(root.resolve("two"));
        for (String name : List.of("report.md", "loss.png", "trace.png")) {
            assertArrayEquals(Files.readAllBytes(root.resolve("one").resolve(name)),
                    Files.readAllBytes(root.resolve("two").resolve(name)), name);
        }
    }

    @Test
    void writingIntoARunDirectoryLeavesItsFilesAlone() throws Exception {
        byte[] metrics = Files.readAllBytes(a.resolve("metrics.jsonl"));
        byte[] config = Files.readAllBytes(a.resolve("config.json"));
        report().write(a);
        assertArrayEquals(metrics, Files.readAllBytes(a.resolve("metrics.jsonl")));
        assertArrayEquals(config, Files.readAllBytes(a.resolve("config.json")));
        assertTrue(Files.exists(a.resolve("report.md")));
    }

    @Test
    void runWithoutCurvatureOrEvalsSkipsThoseFigures() throws Exception {
        Path bare = Files.createDirectories(root.resolve("bare"));
        Files.writeString(bare.resolve("metrics.jsonl"), "{\"type\":\"step\",\"step\":1,"
                + "\"loss_plus\":0.7,\"loss_minus\":0.5,\"projected_grad\":1,\"lr\":1e-5,"
                + "\"seconds\":1}\n");
        Report.Output written = new Report(List.of(Run.load(bare)), List.of())
                .write(root.resolve("bare-out"));
        assertEquals(List.of(root.resolve("bare-out/loss.png")), written.figures());
        assertTrue(Files.readString(written.markdown()).contains("Not drawn (nothing recorded): "
                + "Dev accuracy, Hessian trace vs stability threshold, Tr H in units of the stability threshold, "
                + "λmax lower bound, Accuracy against seconds in steps, Accuracy against forward passes."));
    }

    @Test
    void defaultDirectoryAndBadArguments() throws Exception {
        assertEquals(a.resolve("report"), report().defaultDirectory());
        assertThrows(IllegalArgumentException.class, () -> new Report(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Report(List.of(Run.load(a), Run.load(b)), List.of("only one")));
        Path file = Files.writeString(root.resolve("file"), "x");
        assertEquals(file + ": exists and is not a directory", assertThrows(
                IllegalArgumentException.class, () -> report().write(file)).getMessage());
    }
}
