using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using BmsGen.Generator.Model;
using BmsGen.Generator.Parsing;
using Xunit;

namespace BmsGen.SpecCheck.Tests;

/// <summary>The repository's spec files and the generator's reading of them.</summary>
internal static class Specs
{
    public static string Directory =>
        typeof(Specs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BmsGenSpecsDir").Value!;

    public static string ReferenceDirectory => Path.Combine(Directory, "reference");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string path in System.IO.Directory.GetFiles(Directory, "*.yaml").OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    /// <summary>The generator's model of a spec text; fails the test on any generator diagnostic.</summary>
    public static SpecModel Parse(string fileName, string text)
    {
        SpecParseResult result = SpecParser.Parse(new SpecInput(fileName, text, null, null), CancellationToken.None);
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics.Select(d => $"{d.FilePath}({d.Line},{d.Column}): {d.Id} {d.Message}")));
        return Assert.IsType<SpecModel>(result.Model);
    }
}
