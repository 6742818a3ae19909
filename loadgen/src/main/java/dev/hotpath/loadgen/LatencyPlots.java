package dev.hotpath.loadgen;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws latency by percentile for every step of a report folder, as HdrHistogram's plotter does: the x axis is
 * {@code 1/(1-p)} on a log scale (so 90%, 99%, 99.9%... are evenly spaced), the y axis latency in µs (log).
 * Writes {@code latency.png} (XChart) and {@code index.html} (the same plot as inline SVG, plus the table; no
 * script, nothing fetched at view time).
 *
 * <p>Stateless; any thread.
 */
public final class LatencyPlots
{
    /** The PNG's name in a report folder. */
    public static final String PNG = "latency.png";
    /** The HTML page's name in a report folder. */
    public static final String HTML = "index.html";
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    /**
     * One step's curve.
     *
     * @param name     legend label.
     * @param inverse  {@code 1/(1-p)} of each point.
     * @param valuesUs latency at each point, µs.
     */
    public record Curve(String name, double[] inverse, double[] valuesUs)
    {
    }

    private LatencyPlots()
    {
    }

    /**
     * @param folder  the report folder, with the steps' {@code .hgrm} files.
     * @param summary the steps' summaries ({@code hgrm} names the file).
     * @throws IOException when a file cannot be read or written.
     */
    public static void render(final Path folder, final List<Map<String, Object>> summary) throws IOException
    {
        final List<Curve> curves = new ArrayList<>();
        for (final Map<String, Object> step : summary)
        {
            final Object hgrm = step.get("hgrm");
            if (hgrm != null && Files.exists(folder.resolve(hgrm.toString())))
            {
                curves.add(readHgrm(folder.resolve(hgrm.toString()), step.get("mode") + " " + step.get("workload") +
                    " " + Rates.format(((Number)step.get("offered_rate")).longValue()) + "/s"));
            }
        }
        writePng(folder.resolve(PNG), curves);
        Files.writeString(folder.resolve(HTML), html(curves, summary), StandardCharsets.UTF_8);
    }

    /**
     * Reads the points of HdrHistogram's percentile distribution (lines of value, percentile, count,
     * {@code 1/(1-p)}; the 100% line, which has no finite {@code 1/(1-p)}, is left out, as HdrHistogram's
     * plotter does).
     *
     * @param file an {@code .hgrm} file.
     * @param name the curve's label.
     * @return the curve.
     * @throws IOException when it cannot be read.
     */
    public static Curve readHgrm(final Path file, final String name) throws IOException
    {
        final List<double[]> points = new ArrayList<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
        {
            final String[] cols = line.trim().split("\\s+");
            if (cols.length == 4 && !line.startsWith("#"))
            {
                try
                {
                    final double value = Double.parseDouble(cols[0]);
                    final double inverse = Double.parseDouble(cols[3]);
                    if (Double.isFinite(inverse) && value > 0)
                    {
                        points.add(new double[]{inverse, value});
                    }
                }
                catch (final NumberFormatException ex)
                {
                    continue; // the header line
                }
            }
        }
        final double[] xs = new double[points.size()];
        final double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++)
        {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new Curve(name, xs, ys);
    }

    private static String percentileLabel(final double inverse)
    {
        if (inverse <= 1.0001)
        {
            return "0%";
        }
        final double pct = 100.0 * (1.0 - 1.0 / inverse);
        String s = String.format(Locale.ROOT, "%.4f", pct);
        int end = s.length();
        while (s.charAt(end - 1) == '0')
        {
            end--;
        }
        if (s.charAt(end - 1) == '.')
        {
            end--;
        }
        return s.substring(0, end) + "%";
    }

    private static void writePng(final Path file, final List<Curve> curves) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYChart chart = new XYChartBuilder().width(1000).height(600)
            .title("Latency by percentile (intended send time to ack)")
            .xAxisTitle("percentile, in nines: 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%, 5 = 99.999%").yAxisTitle("latency (µs)").build();
        chart.getStyler().setXAxisDecimalPattern("0.#");
        final Styler styler = chart.getStyler();
        // x is log10(1/(1-p)), "the number of nines", on a linear axis. XChart's tick calculator with a custom label
        // function loops (minutes of CPU, or for ever) when neighbouring percentile labels look alike, so the axis
        // keeps plain numbers and its title says what they mean.
        double maxX = 1;
        for (final Curve c : curves)
        {
            for (final double x : c.inverse())
            {
                maxX = Math.max(maxX, Math.log10(x));
            }
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(Math.ceil(maxX));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        int n = 0;
        for (final Curve c : curves)
        {
            if (c.inverse().length == 0)
            {
                continue;
            }
            final double[] xs = new double[c.inverse().length];
            for (int i = 0; i < xs.length; i++)
            {
                xs[i] = Math.log10(c.inverse()[i]);
            }
            final XYSeries series = chart.addSeries(c.name(), xs, c.valuesUs());
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(java.awt.Color.decode(COLOURS[n++ % COLOURS.length]));
        }
        if (n == 0)
        {
            chart.addSeries("no data", new double[]{0, 1}, new double[]{1, 1}).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * @param curves  the steps' curves.
     * @param summary the steps' summaries, for the table.
     * @return a self-contained HTML page: the plot as inline SVG and the table.
     */
    static String html(final List<Curve> curves, final List<Map<String, Object>> summary)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>hotpath loadgen report</title><style>body{font-family:sans-serif;margin:2em}")
            .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .append(".bad{background:#fdd}</style></head><body>\n<h1>hotpath loadgen report</h1>\n")
            .append("<p>Latency from each command's <em>intended</em> send time (open loop, constant rate) to its ")
            .append("acknowledgement. x axis: percentile on HdrHistogram's 1/(1-p) log scale.</p>\n");
        sb.append(svg(curves));
        sb.append("\n<table><tr><th>mode</th><th>workload</th><th>offered/s</th><th>achieved/s</th><th>count</th>")
            .append("<th>p50 µs</th><th>p90 µs</th><th>p99 µs</th><th>p99.9 µs</th><th>p99.99 µs</th>")
            .append("<th>max µs</th><th>errors</th><th>kept up</th></tr>\n");
        for (final Map<String, Object> s : summary)
        {
            final boolean keptUp = !Boolean.FALSE.equals(s.get("kept_up"));
            sb.append(keptUp ? "<tr>" : "<tr class=\"bad\">");
            for (final String key : new String[]{"mode", "workload", "offered_rate", "achieved_rate", "count",
                "p50_us", "p90_us", "p99_us", "p999_us", "p9999_us", "max_us", "errors"})
            {
                sb.append("<td>").append(escape(String.valueOf(s.get(key)))).append("</td>");
            }
            sb.append("<td>").append(keptUp ? "yes" : "NO: could not keep up").append("</td></tr>\n");
        }
        sb.append("</table>\n<p><img src=\"").append(PNG).append("\" alt=\"the same plot as PNG\" width=\"800\"></p>")
            .append("\n</body></html>\n");
        return sb.toString();
    }

    private static String svg(final List<Curve> curves)
    {
        final int width = 900;
        final int height = 500;
        final int left = 70;
        final int right = 20;
        final int top = 20;
        final int bottom = 50;
        double maxX = 10;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (final Curve c : curves)
        {
            for (int i = 0; i < c.inverse().length; i++)
            {
                maxX = Math.max(maxX, c.inverse()[i]);
                minY = Math.min(minY, c.valuesUs()[i]);
                maxY = Math.max(maxY, c.valuesUs()[i]);
            }
        }
        if (maxY == 0)
        {
            minY = 1;
            maxY = 10;
        }
        final double x1 = Math.ceil(Math.log10(maxX));
        final double y0 = Math.floor(Math.log10(minY));
        final double y1 = Math.max(y0 + 1, Math.ceil(Math.log10(maxY)));
        final double plotW = width - left - right;
        final double plotH = height - top - bottom;
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " +
            "font-family=\"sans-serif\" font-size=\"11\">%n", width, height + 20 * ((curves.size() + 2) / 3)));
        for (int d = 0; d <= (int)x1; d++)
        {
            final double x = left + plotW * d / x1;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>" +
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top, x, top + (int)plotH, x,
                top + (int)plotH + 15, percentileLabel(Math.pow(10, d))));
        }
        for (int d = (int)y0; d <= (int)y1; d++)
        {
            final double y = top + plotH - plotH * (d - y0) / (y1 - y0);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>" +
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s µs</text>%n", left, y, width - right, y, left - 5,
                y + 4, d >= 0 ? String.valueOf((long)Math.pow(10, d)) : String.valueOf(Math.pow(10, d))));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
            left + plotW / 2, top + (int)plotH + 32));
        int n = 0;
        for (final Curve c : curves)
        {
            final String colour = COLOURS[n % COLOURS.length];
            sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour).append("\" points=\"");
            for (int i = 0; i < c.inverse().length; i++)
            {
                final double x = left + plotW * Math.log10(c.inverse()[i]) / x1;
                final double y = top + plotH - plotH * (Math.log10(c.valuesUs()[i]) - y0) / (y1 - y0);
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append("\"/>\n");
            final int lx = left + (n % 3) * 280;
            final int ly = height + 20 * (n / 3);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>" +
                "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly - 4, colour, lx + 20, ly, escape(c.name())));
            n++;
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
