using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace CjsJourney.Dashboards;

/// <summary>
/// Server-rendered SVG charts: no chart library, readable without colour (every bar carries its value as text, the
/// second series is hatched) and described for screen readers.
/// </summary>
public static class Charts
{
    private const int Height = 220;
    private const int Top = 18;
    private const int Bottom = 40;

    /// <summary>One bar per point (e.g. % met on time by month), with the value written on each bar.</summary>
    public static HtmlString Bars(string description, IReadOnlyList<(string Label, double? Value)> points, double max, string unit)
    {
        var width = Math.Max(640, points.Count * 56);
        var slot = (double)width / Math.Max(1, points.Count);
        var plot = Height - Top - Bottom;
        var svg = Open(description, width);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Height - Bottom}\" x2=\"{width}\" y2=\"{Height - Bottom}\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = points[i];
            var x = (i * slot) + (slot * 0.2);
            var w = slot * 0.6;
            if (value is { } v)
            {
                var h = max <= 0 ? 0 : plot * Math.Clamp(v / max, 0, 1);
                var y = Height - Bottom - h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar-fill\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\"><title>{Esc(label)}: {v:0.#}{unit}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x + (w / 2):0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\">{v:0.#}{unit}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (w / 2):0.#}\" y=\"{Height - Bottom - 6}\" text-anchor=\"middle\">–</text>");
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x + (w / 2):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Esc(label)}</text>");
        }

        return Close(svg);
    }

    /// <summary>Two bars per point (e.g. harm before and since selection), the second hatched; each pair on its own scale.</summary>
    public static HtmlString PairedBars(string description, IReadOnlyList<(string Label, double A, double B)> points, string unit)
    {
        var width = Math.Max(480, points.Count * 90);
        var slot = (double)width / Math.Max(1, points.Count);
        var plot = Height - Top - Bottom;
        var svg = Open(description, width);
        svg.Append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">" +
                   "<rect width=\"6\" height=\"6\" fill=\"#8fb3d9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#1b2430\" stroke-width=\"1.5\"/></pattern></defs>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Height - Bottom}\" x2=\"{width}\" y2=\"{Height - Bottom}\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (label, a, b) = points[i];
            var max = Math.Max(1, Math.Max(a, b));
            var x = (i * slot) + (slot * 0.12);
            var w = slot * 0.36;
            foreach (var (value, offset, fill, series) in new[] { (a, 0.0, "class=\"bar-fill\"", "before"), (b, w + 2, "fill=\"url(#hatch)\"", "since") })
            {
                var h = plot * Math.Clamp(value / max, 0, 1);
                var y = Height - Bottom - h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect {fill} x=\"{x + offset:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\"><title>{Esc(label)} {series}: {value:0.#}{unit}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x + offset + (w / 2):0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\">{value:0.#}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x + w + 1:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Esc(label)}</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(string description, int width) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-label=\"{Esc(description)}\">");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
