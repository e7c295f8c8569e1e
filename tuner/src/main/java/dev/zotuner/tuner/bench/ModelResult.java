package dev.zotuner.tuner.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every figure {@code zo bench scale} measured for one model directory.
 *
 * @param name    the model's name (its directory's name)
 * @param dir     the model directory
 * @param census  what the graph file holds
 * @param figures the figures, in {@link ScaleFigure} order
 */
public record ModelResult(String name, String dir, WeightCensus census, List<FigureResult> figures) {

    public ModelResult {
        figures = List.copyOf(figures);
    }

    /** The result of a figure, if it was run. */
    public Optional<FigureResult> figure(ScaleFigure f) {
        return figures.stream().filter(r -> r.figure() == f).findFirst();
    }

    /** Peak RSS of a successful figure, GiB. */
    public OptionalDouble peakGib(ScaleFigure f) {
        return figure(f).map(FigureResult::peakGib).orElse(OptionalDouble.empty());
    }

    /** A value of a successful figure. */
    public OptionalDouble value(ScaleFigure f, String name) {
        return figure(f).filter(FigureResult::ok).map(r -> r.value(name)).orElse(OptionalDouble.empty());
    }
}
