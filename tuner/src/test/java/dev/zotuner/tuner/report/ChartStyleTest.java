package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

class ChartStyleTest {

    private static final Curve LINE = new Curve(new double[] {1, 2, 3}, new double[] {3, 2, 1});

    @Test
    void tenDistinctRunColoursThenTheyRepeat() {
        Set<Color> colours = new HashSet<>();
        IntStream.range(0, 10).forEach(i -> colours.add(ChartStyle.colour(i)));
        assertEquals(10, colours.size());
        assertEquals(ChartStyle.colour(0), ChartStyle.colour(10));
        assertEquals(40, ChartStyle.translucent(Color.RED, 40).getAlpha());
        assertEquals(255, ChartStyle.translucent(Color.RED, 40).getRed());
    }

    @Test
    void newChartHasTitlesAndSize() {
        XYChart chart = ChartStyle.newChart("T", "loss");
        assertEquals("T", chart.getTitle());
        assertEquals("step", chart.getXAxisTitle());
        assertEquals("loss", chart.getYAxisTitle());
        assertEquals(ChartStyle.WIDTH, chart.getWidth());
        assertEquals(ChartStyle.HEIGHT, chart.getHeight());
    }

    @Test
    void bandIsOnePolygonHighForwardLowBackward() {
        XYChart chart = ChartStyle.newChart("T", "y");
        XYSeries band = ChartStyle.band(chart, "b", new Curve(new double[] {1, 2},
                new double[] {0, 1}), new Curve(new double[] {1, 2}, new double[] {5, 6}), Color.BLUE);
        assertArrayEquals(new double[] {1, 2, 2, 1}, band.getXData());
        assertArrayEquals(new double[] {5, 6, 1, 0}, band.getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        assertFalse(band.isShowInLegend());
    }

    @Test
    void dashedLinesStayOutOfTheLegend() {
        XYChart chart = ChartStyle.newChart("T", "y");
        assertFalse(ChartStyle.dashed(chart, "d", LINE, Color.RED).isShowInLegend());
        assertTrue(ChartStyle.line(chart, "l", LINE, Color.RED, 2f, true).isShowInLegend());
        assertTrue(ChartStyle.withMarkers(chart, "m", LINE, Color.RED).isShowInLegend());
    }

    @Test
    void finishAddsADisabledOffGridHelperAndPicksTheLegendLayout() {
        XYChart chart = ChartStyle.newChart("T", "y");
        ChartStyle.line(chart, "short", LINE, Color.RED, 2f, true);
        ChartStyle.finish(chart);
        XYSeries helper = chart.getSeriesMap().get(ChartStyle.TICK_HELPER);
        assertFalse(helper.isEnabled());
        double x = helper.getXData()[0];
        assertTrue(x > 1 && x < 3 && x != 2, "helper x " + x);
        assertEquals(Styler.LegendLayout.Horizontal, chart.getStyler().getLegendLayout());

        XYChart crowded = ChartStyle.newChart("T", "y");
        for (int i = 0; i < 6; i++) {
            ChartStyle.line(crowded, "optimizer=zo-sgd lr=1e-5 eps=1e-3 #" + i, LINE,
                    ChartStyle.colour(i), 2f, true);
        }
        ChartStyle.finish(crowded);
        assertEquals(Styler.LegendLayout.Vertical, crowded.getStyler().getLegendLayout());
        assertNotEquals(null, crowded.getSeriesMap().get(ChartStyle.TICK_HELPER));
    }
}
