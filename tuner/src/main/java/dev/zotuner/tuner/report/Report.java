package dev.zotuner.tuner.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * A report over one or more runs: PNG figures (train loss, dev accuracy, Tr H vs threshold,
 * λmax) overlaying the runs, and {@code report.md} tabulating them and embedding the figures.
 * Rendering is headless; every file is written atomically and the runs' own files are never
 * replaced.
 */
public final class Report {

    /** The markdown summary's file name. */
    public static final String MARKDOWN = "report.md";

    /** What {@link #write} produced. */
    public record Output(Path markdown, List<Path> figures) {
        public Output {
            figures = List.copyOf(figures);
        }
    }

    private record Spec(String file, String title,
                        BiFunction<List<Run>, List<String>, Optional<XYChart>> chart) {
    }

    private static final List<Spec> FIGURES = List.of(
            new Spec("loss.png", "Train loss", ReportCharts::trainLoss),
            new Spec("dev-accuracy.png", "Dev accuracy", ReportCharts::devAccuracy),
            new Spec("trace.png", "Hessian trace vs stability threshold", ReportCharts::trace),
            new Spec("stability-ratio.png", "Tr H in units of the stability threshold", ReportCharts::stabilityRatio),
            new Spec("lambda-max.png", "λmax lower bound", ReportCharts::lambdaMax),
            new Spec("accuracy-vs-seconds.png", "Accuracy against seconds in steps", TimeToAccuracy::seconds),
            new Spec("accuracy-vs-forwards.png", "Accuracy against forward passes", TimeToAccuracy::forwardPasses));

    private final List<Run> runs;
    private final List<String> labels;

    /**
     * @param runs           at least one run
     * @param explicitLabels the user's legend labels: none, or one per run
     */
    public Report(List<Run> runs, List<String> explicitLabels) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run directories given");
        }
        this.runs = List.copyOf(runs);
        this.labels = RunLabels.of(this.runs, explicitLabels);
    }

    /** The legend label of each run, in order. */
    public List<String> labels() {
        return labels;
    }

    /** {@code <first run>/report}: where a report goes without {@code --out}. */
    public Path defaultDirectory() {
        return runs.get(0).dir().resolve("report");
    }

    /** Draws the figures and the summary into {@code outDir} (created if needed). */
    public Output write(Path outDir) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        createDirectory(outDir);
        List<Path> inputs = new ArrayList<>();
        runs.forEach(r -> inputs.addAll(r.inputFiles()));
        OutputFiles files = new OutputFiles(inputs);
        List<MarkdownSummary.Figure> drawn = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (Spec spec : FIGURES) {
            Optional<XYChart> chart = spec.chart().apply(runs, labels);
            if (chart.isEmpty()) {
                skipped.add(spec.title());
                continue;
            }
            Path target = outDir.resolve(spec.file());
            BufferedImage image = BitmapEncoder.getBufferedImage(chart.get());
            files.write(target, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this JVM");
                }
            });
            drawn.add(new MarkdownSummary.Figure(spec.file(), spec.title()));
            written.add(target);
        }
        Path markdown = outDir.resolve(MARKDOWN);
        String text = MarkdownSummary.render(runs, labels, drawn, skipped);
        files.write(markdown, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return new Output(markdown, written);
    }

    private static void createDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot create output directory: " + e);
        }
    }
}
