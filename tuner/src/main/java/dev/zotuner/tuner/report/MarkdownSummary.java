package dev.zotuner.tuner.report;

import dev.zotuner.tuner.rundir.Formats;
import java.util.List;

/**
 * The text of {@code report.md}: one table row per run (steps, dev/test accuracy, last Tr H ± SE
 * against its threshold, mean Tr H·η/2 over the last 20 % of curvature records), then each figure
 * embedded by its relative file name. Contains no date or absolute path, so the same runs give
 * the same bytes.
 */
final class MarkdownSummary {

    /** One embedded PNG: its file name next to {@code report.md} and its heading. */
    record Figure(String file, String title) {
    }

    private MarkdownSummary() {
    }

    /**
     * @param runs    the runs, in table order
     * @param labels  one label per run
     * @param figures the PNGs written
     * @param skipped headings of figures not drawn for lack of data
     */
    static String render(List<Run> runs, List<String> labels, List<Figure> figures,
                         List<String> skipped) {
        StringBuilder md = new StringBuilder();
        md.append("# Fine-tuning report\n\n");
        md.append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(". ")
                .append("Accuracies in %. Tr H is the Hutchinson estimate of the Hessian trace ")
                .append("(Tr P⁻¹H for Adam); its threshold is 2/η (2(1−β)/η with momentum β). ")
                .append("Tr H·η/2 is averaged over the last 20 % of the curvature records; ")
                .append("1 means Tr H sits at 2/η.\n\n");
        md.append("| run | directory | steps | final dev | best dev (step) | test | last Tr H ± SE ")
                .append("| threshold | last Tr H / threshold | Tr H·η/2, last 20 % (records) |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < runs.size(); i++) {
            row(md, runs.get(i), labels.get(i), RunStatistics.of(runs.get(i)));
        }
        for (Figure f : figures) {
            md.append("\n## ").append(f.title()).append("\n\n")
                    .append("![").append(f.title()).append("](").append(f.file()).append(")\n");
        }
        if (!skipped.isEmpty()) {
            md.append("\nNot drawn (nothing recorded): ").append(String.join(", ", skipped))
                    .append(".\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, Run run, String label, RunStatistics s) {
        String steps = Long.toString(s.steps());
        if (s.plannedSteps().isPresent() && s.plannedSteps().getAsLong() != s.steps()) {
            steps += " / " + s.plannedSteps().getAsLong();
        }
        String bestDev = Formats.percent(s.bestDevAccuracy())
                + (s.bestDevStep().isPresent() && Double.isFinite(s.bestDevAccuracy())
                ? " (" + s.bestDevStep().getAsLong() + ")" : "");
        String trace = Double.isFinite(s.lastTrace())
                ? Formats.significant(s.lastTrace(), 4) + " ± " + Formats.significant(s.lastTraceSe(), 2)
                : Formats.MISSING;
        String ratio = Double.isFinite(s.edgeRatio())
                ? Formats.significant(s.edgeRatio(), 3) + " (" + s.edgeRecords() + ")"
                : Formats.MISSING;
        md.append("| ").append(cell(label))
                .append(" | `").append(run.dir().toString().replace("`", "'")).append('`')
                .append(" | ").append(steps)
                .append(" | ").append(Formats.percent(s.finalDevAccuracy()))
                .append(" | ").append(bestDev)
                .append(" | ").append(Formats.percent(s.testAccuracy()))
                .append(" | ").append(trace)
                .append(" | ").append(Formats.significant(s.lastThreshold(), 4))
                .append(" | ").append(Formats.significant(s.lastTraceOverThreshold(), 3))
                .append(" | ").append(ratio)
                .append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
