package boundcheck.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Bar and line charts of bound values; values must be positive (the axis is logarithmic). */
public final class Charts {
    private Charts() {}

    static {
        // charts are drawn off screen; no display is needed or wanted
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 720, HEIGHT = 480;

    /** One bar per bound, on a log axis, with the value printed on each bar. */
    public static JFreeChart bars(String title, List<String> labels, List<Double> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < labels.size(); i++) data.addValue(values.get(i), "bound", labels.get(i));
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        LogAxis axis = logAxis("value (log scale)");
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(decadeStep(lo, hi)));
        CategoryAxis categories = new CategoryAxis();
        categories.setCategoryLabelPositions(labels.size() > 6 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x3b, 0x6e, 0xa8));
        // bars start below the smallest value: on a log axis there is no zero to start from
        renderer.setBase(Math.pow(10, Math.floor(Math.log10(lo)) - 1));
        renderer.setIncludeBaseInRange(true);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.###E0")));
        renderer.setDefaultItemLabelsVisible(true);
        CategoryPlot plot = new CategoryPlot(data, categories, axis, renderer);
        style(plot.getBackgroundPaint() == null ? null : plot);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Each series against x, on a log axis; a null value (undefined, or not positive) leaves a gap. */
    public static JFreeChart lines(String title, String xLabel, double[] xs, List<String> names, List<Double[]> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < names.size(); s++) {
            XYSeries line = new XYSeries(names.get(s), false, true);
            Double[] ys = series.get(s);
            for (int i = 0; i < xs.length; i++) {
                if (ys[i] != null && ys[i] > 0 && Double.isFinite(ys[i])) line.add(xs[i], ys[i]);
                else line.add(xs[i], null);
            }
            data.addSeries(line);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        Color[] palette = {new Color(0x3b, 0x6e, 0xa8), new Color(0xd6, 0x6a, 0x1f), new Color(0x3a, 0x9a, 0x4a),
                new Color(0xb0, 0x30, 0x3a), new Color(0x7a, 0x4f, 0xa0), new Color(0x55, 0x55, 0x55)};
        for (int s = 0; s < names.size(); s++) {
            renderer.setSeriesPaint(s, palette[s % palette.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        double lo = Double.MAX_VALUE, hi = Double.MIN_VALUE;
        for (Double[] ys : series) for (Double y : ys) if (y != null && y > 0 && Double.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
        LogAxis y = logAxis("value (log scale)");
        if (lo <= hi) y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(decadeStep(lo, hi)));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Decades between ticks: every decade up to about 12 of them, then every second, third, ... */
    private static int decadeStep(double lo, double hi) {
        double decades = Math.log10(hi) - Math.log10(lo) + 2;
        return Math.max(1, (int) Math.ceil(decades / 12));
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0E0"));
        axis.setSmallestValue(1e-300);
        return axis;
    }

    private static void style(CategoryPlot plot) {
        if (plot == null) return;
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    /** The chart as the bytes of a {@code .png} or {@code .svg} file, chosen by {@code fileName}'s extension. */
    public static byte[] render(JFreeChart chart, String fileName) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            // the default prefix of clip-path ids is a clock reading; a fixed one makes the file reproducible
            g.setDefsKeyPrefix("boundcheck");
            chart.draw(g, new java.awt.Rectangle(0, 0, WIDTH, HEIGHT));
            return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        }
        if (lower.endsWith(".png")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        }
        throw new IllegalArgumentException("a chart file must end in .png or .svg: " + fileName);
    }
}
