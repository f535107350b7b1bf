using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using BenchmarkDotNet.Reports;

namespace BmsGen.Benchmarks;

/// <summary>One measured cell: a scenario, an implementation, its mean time and its allocation per operation.</summary>
public sealed record SummaryRow(string Scenario, string Implementation, double MeanNs, long AllocatedBytes)
{
    public const string CsvHeader = "scenario,implementation,mean_ns,allocated_bytes";

    private static readonly string[] ScenarioOrder =
    {
        Scenarios.ServersDetail1, Scenarios.ServersDetail100, Scenarios.ServersDetail1000,
        Scenarios.ServerShow, Scenarios.FlavorsList, Scenarios.WriteCreateRequest,
        Scenarios.WriteServersDetail1000, Scenarios.EndToEnd1000,
    };

    public static List<SummaryRow> From(IEnumerable<Summary> summaries)
    {
        var rows = new List<SummaryRow>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is not { } statistics)
                {
                    continue;
                }

                string scenario = (string)report.BenchmarkCase.Parameters["Scenario"];
                string implementation = report.BenchmarkCase.Descriptor.Categories.Single(c => Impl.All.Contains(c));
                long allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
                rows.Add(new SummaryRow(scenario, implementation, statistics.Mean, allocated));
            }
        }

        return rows
            .OrderBy(r => Array.IndexOf(ScenarioOrder, r.Scenario))
            .ThenBy(r => Array.IndexOf(Impl.All, r.Implementation))
            .ToList();
    }

    public static string ToCsv(IEnumerable<SummaryRow> rows)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (SummaryRow row in rows)
        {
            text.Append(row.Scenario).Append(',').Append(row.Implementation).Append(',')
                .Append(row.MeanNs.ToString("F1", CultureInfo.InvariantCulture)).Append(',')
                .Append(row.AllocatedBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>Renders the summary as an SVG bar chart: one group per scenario, bar length relative to the slowest.</summary>
public static class Chart
{
    private static readonly Dictionary<string, string> Colors = new()
    {
        [Impl.Generated] = "#2b7bb9",
        [Impl.StjSourceGen] = "#5aa469",
        [Impl.StjReflection] = "#a0c878",
        [Impl.Newtonsoft] = "#d9822b",
        [Impl.ReaderFloor] = "#9e9e9e",
        [Impl.SpanReader] = "#b4b4b4",
        [Impl.SpanReaderStrings] = "#c8c8c8",
    };

    public static string Render(IReadOnlyList<SummaryRow> rows, string title)
    {
        const int left = 230, barWidth = 420, barHeight = 16, gap = 4, groupGap = 18, top = 56;
        List<IGrouping<string, SummaryRow>> groups = rows.GroupBy(r => r.Scenario).ToList();
        int height = top + groups.Sum(g => g.Count() * (barHeight + gap) + groupGap) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + barWidth + 250}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">BmsGen JSON benchmarks ({Escape(title)}): time and allocation per operation</text>\n");
        int legendX = 10;
        foreach ((string implementation, string color) in Colors)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"32\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{legendX + 16}\" y=\"42\">{implementation}</text>\n");
            legendX += 130;
        }

        int y = top;
        foreach (IGrouping<string, SummaryRow> group in groups)
        {
            double slowest = group.Max(r => r.MeanNs);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + barHeight - 3}\" font-weight=\"bold\">{Escape(group.Key)}</text>\n");
            foreach (SummaryRow row in group)
            {
                double width = Math.Max(1, barWidth * row.MeanNs / slowest);
                string color = Colors.TryGetValue(row.Implementation, out string? c) ? c : "#444";
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + barHeight - 3}\" text-anchor=\"end\">{row.Implementation}</text>");
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"{width:F1}\" height=\"{barHeight}\" fill=\"{color}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + width + 6:F1}\" y=\"{y + barHeight - 3}\">{FormatTime(row.MeanNs)} · {FormatBytes(row.AllocatedBytes)}</text>\n");
                y += barHeight + gap;
            }

            y += groupGap;
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    public static string FormatTime(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("F2", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns / 1_000).ToString("F1", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("F0", CultureInfo.InvariantCulture) + " ns",
    };

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / 1048576.0).ToString("F2", CultureInfo.InvariantCulture) + " MB",
        >= 1 << 10 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
