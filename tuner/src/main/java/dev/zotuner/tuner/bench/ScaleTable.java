package dev.zotuner.tuner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The markdown of {@code zo bench scale}: the figures (peak RSS in GiB, step over two forwards, load times), the
 * ratios against the targets of issue 22 (✓ met, ✗ missed, – not measured), the wall time of every child, and the
 * numbered one-line causes of the figures that failed, each with the peak RSS its child reached.
 */
public final class ScaleTable {

    private static final List<ScaleFigure> RSS_COLUMNS = List.of(ScaleFigure.ORT, ScaleFigure.EVAL,
            ScaleFigure.FINETUNE_FULL, ScaleFigure.FINETUNE_TOP2, ScaleFigure.FINETUNE_LORA, ScaleFigure.FINETUNE_BITFIT,
            ScaleFigure.FINETUNE_BCD);

    private final List<String> causes = new ArrayList<>();

    private ScaleTable() {
    }

    /** The three tables and the causes of failures, for {@code models} in order. */
    public static String markdown(List<ModelResult> models) {
        return new ScaleTable().render(models);
    }

    private String render(List<ModelResult> models) {
        StringBuilder b = new StringBuilder();
        b.append("| model | params | file | ORT-only RSS | eval RSS | finetune RSS full | top:2 | LoRA | BitFit | BCD "
                + "| step / 2 fwd | load s (zo / ORT session) | export RSS |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ModelResult m : models) {
            b.append("| ").append(m.name()).append(" | ").append(count(m.census().parameters())).append(" | ")
                    .append(bytes(m.census().fileBytes()));
            for (ScaleFigure f : RSS_COLUMNS) {
                b.append(" | ").append(cell(m, f, gib(m.peakGib(f))));
            }
            ScaleRatios.Ratio step = ScaleRatios.of(m).stream().filter(r -> r.id().equals("step_over_two_forwards"))
                    .findFirst().orElseThrow();
            b.append(" | ").append(cell(m, ScaleFigure.STEP, step.measured() ? fixed(step.value()) : "–"));
            b.append(" | ").append(cell(m, ScaleFigure.LOAD, seconds(m.value(ScaleFigure.LOAD, "load_s"))))
                    .append(" / ").append(seconds(m.value(ScaleFigure.ORT, "session_s")));
            b.append(" | ").append(cell(m, ScaleFigure.EXPORT, gib(m.peakGib(ScaleFigure.EXPORT)))).append(" |\n");
        }
        b.append("\nRatios against the targets of issue 22 (✓ met, ✗ missed, – not measured):\n\n| model");
        List<ScaleRatios.Ratio> heads = models.isEmpty() ? List.of() : ScaleRatios.of(models.get(0));
        heads.forEach(r -> b.append(" | ").append(r.label()).append(" ≤ ").append(target(r.target())));
        b.append(" |\n|---").append("|---".repeat(heads.size())).append("|\n");
        for (ModelResult m : models) {
            b.append("| ").append(m.name());
            for (ScaleRatios.Ratio r : ScaleRatios.of(m)) {
                b.append(" | ").append(r.measured() ? fixed(r.value()) + (r.meets() ? " ✓" : " ✗") : "–");
            }
            b.append(" |\n");
        }
        b.append("\nWall time of each child JVM, seconds:\n\n| model");
        ScaleFigure[] all = ScaleFigure.values();
        for (ScaleFigure f : all) {
            b.append(" | ").append(f.id());
        }
        b.append(" |\n|---").append("|---".repeat(all.length)).append("|\n");
        for (ModelResult m : models) {
            b.append("| ").append(m.name());
            for (ScaleFigure f : all) {
                b.append(" | ").append(m.figure(f).filter(r -> r.seconds() > 0)
                        .map(r -> String.format(Locale.ROOT, "%.0f", r.seconds())).orElse("–"));
            }
            b.append(" |\n");
        }
        if (!causes.isEmpty()) {
            b.append("\nFailures:\n\n");
            for (int i = 0; i < causes.size(); i++) {
                b.append(i + 1).append(". ").append(causes.get(i)).append('\n');
            }
        }
        return b.toString();
    }

    /** The text of a measured cell, or "fails [n]" with the cause numbered below, or "–" if not run. */
    private String cell(ModelResult m, ScaleFigure f, String measured) {
        return m.figure(f).map(r -> {
            if (r.ok()) {
                return measured;
            }
            String cause = m.name() + ", " + f.id() + ": " + r.cause().replace("|", "\\|")
                    + (Double.isNaN(r.peakRssMib()) ? "" : String.format(Locale.ROOT, " (peak RSS %.2f GiB)", r.peakRssMib() / 1024));
            int n = causes.indexOf(cause);
            if (n < 0) {
                causes.add(cause);
                n = causes.size() - 1;
            }
            return "fails [" + (n + 1) + "]";
        }).orElse("–");
    }

    static String gib(OptionalDouble g) {
        return g.isPresent() ? String.format(Locale.ROOT, "%.2f GiB", g.getAsDouble()) : "–";
    }

    static String seconds(OptionalDouble s) {
        return s.isPresent() ? String.format(Locale.ROOT, s.getAsDouble() < 10 ? "%.2f" : "%.1f", s.getAsDouble()) : "–";
    }

    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String target(double t) {
        return t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.2f", t);
    }

    /** 109.5 M, 1.32 B. */
    static String count(long n) {
        return n >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f B", n / 1e9) : String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }

    /** 445 kB, 532 MB, 5.68 GB. */
    static String bytes(long n) {
        return n >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f GB", n / 1e9)
                : n >= 1_000_000L ? String.format(Locale.ROOT, "%.0f MB", n / 1e6) : String.format(Locale.ROOT, "%.0f kB", n / 1e3);
    }
}
