using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ZaloOA.PoliceDesk.Statistics;

/// <summary>One series of a chart; its colour is the CSS class <c>series-N</c> (desk.css).</summary>
/// <param name="Name">Shown in the legend.</param>
/// <param name="Values">One value per label.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// Charts rendered on the server as SVG: no script, no CDN, no inline style (colours are CSS classes
/// in <c>desk.css</c>, so the Content-Security-Policy's <c>style-src 'self'</c> holds), readable when
/// printed, and each chart is followed on the page by the table it was drawn from. Every bar has a
/// <c>title</c> (its label and value) for a pointer or a screen reader.
/// </summary>
public static class SvgChart
{
    private const int Width = 760;
    private const double Left = 44, Right = 12, Top = 12;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Vertical stacked columns, one per label (periods over time).</summary>
    public static IHtmlContent StackedColumns(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var legend = LegendLines(series.Select(s => s.Name).ToList());
        var height = 232 + (legend.Count * 16);
        var bottom = 26.0 + (legend.Count * 16);
        var (max, step) = Axis(labels.Select((_, i) => series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max());
        var plotHeight = height - Top - bottom;
        var slot = (Width - Left - Right) / Math.Max(1, labels.Count);
        var svg = Open(id, title, height);
        Grid(svg, max, step, y => Top + plotHeight - (y / max * plotHeight), Width);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(labels.Count / 16.0));
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + (i * slot) + (slot * 0.15);
            var y = Top + plotHeight;
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[i];
                if (v <= 0)
                {
                    continue;
                }

                var h = v / max * plotHeight;
                y -= h;
                Rect(svg, $"series-{s}", x, y, slot * 0.7, h, $"{labels[i]} — {series[s].Name}: {Num(v)}");
            }

            if (i % labelEvery == 0)
            {
                Text(svg, "axis", Left + (i * slot) + (slot / 2), height - bottom + 16, labels[i], "middle");
            }
        }

        Legend(svg, legend, height - (legend.Count * 16) + 6);
        return Close(svg);
    }

    /// <summary>Horizontal bars, one group per label, one bar per series (units, fields).</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, Func<double, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        format ??= Num;
        const double labelWidth = 230;
        const double barHeight = 14;
        var rowHeight = (barHeight * series.Count) + 10;
        var legend = LegendLines(series.Select(s => s.Name).ToList());
        var height = (int)(Top + (rowHeight * labels.Count) + 14 + (legend.Count * 16));
        var (max, _) = Axis(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plotWidth = Width - labelWidth - Right - 50;
        var svg = Open(id, title, height);
        for (var i = 0; i < labels.Count; i++)
        {
            var top = Top + (i * rowHeight);
            Text(svg, "axis", labelWidth - 6, top + (rowHeight / 2) + 3, Shorten(labels[i], 34), "end");
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[i];
                var w = max <= 0 ? 0 : v / max * plotWidth;
                var y = top + (s * barHeight);
                Rect(svg, $"series-{s}", labelWidth, y, Math.Max(w, v > 0 ? 1 : 0), barHeight - 2, $"{labels[i]} — {series[s].Name}: {format(v)}");
                Text(svg, "value", labelWidth + w + 4, y + barHeight - 4, format(v), "start");
            }
        }

        Legend(svg, legend, height - (legend.Count * 16) + 6);
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{Enc(id)}\" role=\"img\" aria-labelledby=\"{Enc(id)}-title\" viewBox=\"0 0 {Width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{Enc(id)}-title\">{Enc(title)}</title>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Grid(StringBuilder svg, double max, double step, Func<double, double> y, int width)
    {
        for (var value = 0.0; value <= max + (step / 2); value += step)
        {
            var at = y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left:0.#}\" x2=\"{width - Right:0.#}\" y1=\"{at:0.#}\" y2=\"{at:0.#}\"/>");
            Text(svg, "axis", Left - 6, at + 4, Num(value), "end");
        }
    }

    /// <summary>The legend's entries in lines that fit the chart's width (about 6 px a character).</summary>
    private static List<List<(int Series, string Name)>> LegendLines(List<string> names)
    {
        var lines = new List<List<(int, string)>> { new() };
        var x = Left;
        for (var s = 0; s < names.Count; s++)
        {
            var w = 24 + (names[s].Length * 6.2);
            if (x + w > Width - Right && lines[^1].Count > 0)
            {
                lines.Add([]);
                x = Left;
            }

            lines[^1].Add((s, names[s]));
            x += w;
        }

        return lines;
    }

    private static void Legend(StringBuilder svg, List<List<(int Series, string Name)>> lines, double y)
    {
        foreach (var line in lines)
        {
            var x = Left;
            foreach (var (s, name) in line)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"series-{s}\" x=\"{x:0.#}\" y=\"{y - 9:0.#}\" width=\"10\" height=\"10\"/>");
                Text(svg, "legend", x + 14, y, name, "start");
                x += 24 + (name.Length * 6.2);
            }

            y += 16;
        }
    }

    private static void Rect(StringBuilder svg, string cls, double x, double y, double w, double h, string tip) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cls}\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{w:0.##}\" height=\"{h:0.##}\"><title>{Enc(tip)}</title></rect>");

    private static void Text(StringBuilder svg, string cls, double x, double y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{cls}\" x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{Enc(text)}</text>");

    /// <summary>A round step (1, 2, 2.5 or 5 × 10^n) for about four grid lines, and the axis maximum
    /// as a whole number of steps at or above <paramref name="max"/>.</summary>
    private static (double Max, double Step) Axis(double max)
    {
        if (max <= 0)
        {
            return (1, 1);
        }

        var rough = Math.Max(max / 4, 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(v => v >= rough);
        return (Math.Ceiling(max / step) * step, step);
    }

    private static string Num(double v) => v.ToString(v % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture);

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string Enc(string s) => Encoder.Encode(s);
}
