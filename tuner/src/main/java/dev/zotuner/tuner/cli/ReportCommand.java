package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.report.Report;
import dev.zotuner.tuner.report.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zo report RUN_DIR... [--out DIR] [--label NAME...]}: PNG plots and a markdown summary of
 * one or more fine-tuning runs, overlaid for comparison. Prints the files it wrote.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Plots train loss, dev accuracy, Hessian trace vs the stability threshold and λmax "
                    + "from run directories (metrics.jsonl), and writes report.md summarising them.",
            "Several runs are overlaid on each figure, one colour per run."},
        footer = {"",
            "Examples:",
            "  zo report runs/sst2-lr1e-6",
            "  zo report runs/lr1e-6 runs/lr1e-5 --out reports/lr-sweep",
            "  zo report runs/a runs/b --label 'ZO-SGD' 'ZO-SGD momentum 0.9'",
            "",
            "Run directory layout: docs/run-directory.md."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
            description = "Run directories, each with a metrics.jsonl.")
    private List<Path> runDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: <first RUN_DIR>/report).")
    private Path out;

    @Option(names = "--label", arity = "1..*", paramLabel = "NAME",
            description = "Legend label per run, in RUN_DIR order (default: from each config, "
                    + "e.g. 'lr=1e-5 eps=1e-3'). Put it after the run directories.")
    private List<String> labels = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Run> runs = runDirs.stream().map(Run::load).toList();
        Report report = new Report(runs, labels);
        Path dir = out != null ? out : report.defaultDirectory();
        Report.Output written = report.write(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path figure : written.figures()) {
            stdout.println(figure);
        }
        stdout.println(written.markdown());
        stdout.flush();
        return 0;
    }
}
