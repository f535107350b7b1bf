using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using BmsGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>DiagnosticCatalog.md, the analyzer release file and the descriptors in SpecDiagnostics.cs tell the same ids, titles and severities.</summary>
public sealed class DiagnosticCatalogTests
{
    [Fact]
    public void Catalog_rows_and_descriptors_agree()
    {
        Dictionary<string, (string Severity, string Title)> rows = File.ReadAllLines(GeneratorFile("DiagnosticCatalog.md"))
            .Select(line => Regex.Match(line, @"^\| <a id=""(?<anchor>[a-z0-9]+)""></a>(?<id>BMSGEN\d{3}) \| (?<severity>\w+) \| (?<title>[^|]+) \|"))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["id"].Value, match =>
            {
                Assert.Equal(match.Groups["id"].Value.ToLowerInvariant(), match.Groups["anchor"].Value);
                return (match.Groups["severity"].Value, match.Groups["title"].Value.Trim());
            });

        Assert.Equal(SpecDiagnostics.All.Select(d => d.Id).OrderBy(id => id), rows.Keys.OrderBy(id => id));
        foreach (DiagnosticDescriptor descriptor in SpecDiagnostics.All)
        {
            Assert.Equal(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), rows[descriptor.Id].Severity);
            Assert.Equal(descriptor.Title.ToString(), rows[descriptor.Id].Title);
            Assert.Equal(SpecDiagnostics.CatalogPath + "#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Equal(SpecDiagnostics.Category, descriptor.Category);
        }
    }

    [Fact]
    public void Release_tracking_lists_every_descriptor_with_its_severity()
    {
        Dictionary<string, string> released = File.ReadAllLines(GeneratorFile("AnalyzerReleases.Unshipped.md"))
            .Select(line => Regex.Match(line, @"^(?<id>BMSGEN\d{3}) \| (?<category>[^|]+) \| (?<severity>\w+) \|"))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["id"].Value, match => match.Groups["severity"].Value);

        Assert.Equal(SpecDiagnostics.All.ToDictionary(d => d.Id, d => d.DefaultSeverity.ToString()), released);
    }

    private static string GeneratorFile(string name, [CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "generator", "BmsGen.Generator", name);
}
