package dev.zotuner.tuner.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look shared by every report chart: size, fonts, white plot, legend placement, one colour per
 * run (Tableau 10, so up to ten overlaid runs are distinct), and helpers adding a run's lines.
 */
final class ChartStyle {

    /** Width of every PNG, pixels. */
    static final int WIDTH = 960;
    /** Height of every PNG, pixels. */
    static final int HEIGHT = 560;

    private static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
            new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
            new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf));
    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);

    /** Name of the invisible series added by {@link #finish}. */
    static final String TICK_HELPER = "\u2063ticks";
    /** An irrational-looking fraction: no data lattice contains min + f·(max − min). */
    private static final double OFF_GRID = 0.5123456789;
    /** Estimated legend widths (pixels): per entry, per label character. */
    private static final int LEGEND_ENTRY = 56;
    private static final int LEGEND_CHAR = 7;

    private ChartStyle() {
    }

    /** An empty chart with the report's look; x is always the step. */
    static XYChart newChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("step").yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendBorderColor(Color.WHITE);
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /**
     * Completes a chart once its series are in: picks a horizontal legend when the labels fit on
     * one line (vertical otherwise), and adds a disabled helper series so that XChart chooses
     * round tick values instead of putting a tick on every k-th data point (its behaviour for
     * equally spaced data, e.g. one loss per step).
     */
    static XYChart finish(XYChart chart) {
        int legendWidth = 0;
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                legendWidth += LEGEND_ENTRY + LEGEND_CHAR * s.getName().length();
            }
            minX = Math.min(minX, s.getXMin());
            maxX = Math.max(maxX, s.getXMax());
            minY = Math.min(minY, s.getYMin());
            maxY = Math.max(maxY, s.getYMax());
        }
        chart.getStyler().setLegendLayout(legendWidth < WIDTH - 40
                ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        if (maxX > minX && maxY > minY) {
            double x = minX + OFF_GRID * (maxX - minX);
            double y = minY + OFF_GRID * (maxY - minY);
            XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {x}, new double[] {y});
            helper.setEnabled(false);
            helper.setShowInLegend(false);
        }
        return chart;
    }

    /** The colour of the {@code run}-th run. */
    static Color colour(int run) {
        return PALETTE.get(Math.floorMod(run, PALETTE.size()));
    }

    /** {@code c} with the given opacity (0–255). */
    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** A solid line without markers. */
    static XYSeries line(XYChart chart, String name, Curve c, Color colour, float width,
                         boolean inLegend) {
        XYSeries s = chart.addSeries(name, c.x(), c.y());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        s.setShowInLegend(inLegend);
        return s;
    }

    /** A dashed line without markers, not in the legend (thresholds, explained in the title). */
    static XYSeries dashed(XYChart chart, String name, Curve c, Color colour) {
        XYSeries s = line(chart, name, c, colour, 1.6f, false);
        s.setLineStyle(DASHED);
        return s;
    }

    /** A thin line with a circle at each point (sparse records: evaluations, λmax). */
    static XYSeries withMarkers(XYChart chart, String name, Curve c, Color colour) {
        XYSeries s = line(chart, name, c, colour, 1.8f, true);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        return s;
    }

    /** A filled band between {@code low} and {@code high} (same x), drawn as one polygon. */
    static XYSeries band(XYChart chart, String name, Curve low, Curve high, Color colour) {
        int n = low.size();
        double[] lx = low.x();
        double[] ly = low.y();
        double[] hy = high.y();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = lx[i];
            y[i] = hy[i];
            x[2 * n - 1 - i] = lx[i];
            y[2 * n - 1 - i] = ly[i];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(translucent(colour, 48));
        s.setLineColor(translucent(colour, 0));
        s.setShowInLegend(false);
        return s;
    }
}
