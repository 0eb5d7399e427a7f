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
        const int height = 260;
        const double bottom = 42;
        var max = Nice(labels.Select((_, i) => series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max());
        var plotHeight = height - Top - bottom;
        var slot = (Width - Left - Right) / Math.Max(1, labels.Count);
        var svg = Open(id, title, height);
        Grid(svg, max, y => Top + plotHeight - (y / max * plotHeight), Width);
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

        Legend(svg, series.Select(s => s.Name).ToList(), height - 12);
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
        var height = (int)(Top + (rowHeight * labels.Count) + 34);
        var max = Nice(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
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

        Legend(svg, series.Select(s => s.Name).ToList(), height - 10);
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{Enc(id)}\" role=\"img\" aria-labelledby=\"{Enc(id)}-title\" viewBox=\"0 0 {Width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{Enc(id)}-title\">{Enc(title)}</title>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Grid(StringBuilder svg, double max, Func<double, double> y, int width)
    {
        for (var k = 0; k <= 4; k++)
        {
            var value = max * k / 4;
            var at = y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left:0.#}\" x2=\"{width - Right:0.#}\" y1=\"{at:0.#}\" y2=\"{at:0.#}\"/>");
            Text(svg, "axis", Left - 6, at + 4, Num(value), "end");
        }
    }

    private static void Legend(StringBuilder svg, List<string> names, double y)
    {
        var x = Left;
        for (var s = 0; s < names.Count; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"series-{s}\" x=\"{x:0.#}\" y=\"{y - 9:0.#}\" width=\"10\" height=\"10\"/>");
            Text(svg, "legend", x + 14, y, names[s], "start");
            x += 24 + (names[s].Length * 6.2);
        }
    }

    private static void Rect(StringBuilder svg, string cls, double x, double y, double w, double h, string tip) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cls}\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{w:0.##}\" height=\"{h:0.##}\"><title>{Enc(tip)}</title></rect>");

    private static void Text(StringBuilder svg, string cls, double x, double y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{cls}\" x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{Enc(text)}</text>");

    /// <summary>A round axis maximum at or above <paramref name="max"/> (1, 2, 2.5, 5 × 10^n).</summary>
    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(v => v >= max);
    }

    private static string Num(double v) => v.ToString(v % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture);

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string Enc(string s) => Encoder.Encode(s);
}
