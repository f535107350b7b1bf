using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace BmsGen.Package.Tests;

/// <summary>BmsGen.SpecCheck installed from the feed as a .NET tool: one command checks a spec.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class SpecCheckToolTests(PackageFeedFixture feed)
{
    [Fact]
    public async Task The_spec_checker_installs_as_a_tool_passes_a_good_spec_and_reports_a_broken_one_at_its_line()
    {
        string consumer = feed.NewConsumer("tool");
        string tools = Path.Combine(consumer, "tools");
        CommandResult install = await Commands.DotNetAsync(consumer, "tool", "install", "BmsGen.SpecCheck", "--version", feed.Version, "--tool-path", tools);
        Assert.True(install.ExitCode == 0, install.ToString());
        string tool = Path.Combine(tools, "bmsgen-speccheck");

        CommandResult good = await Commands.RunAsync(tool, consumer, "volumes.yaml");
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains("volumes.yaml: 2 operations", good.Output);

        string spec = Path.Combine(consumer, "volumes.yaml");
        int line = ConsumerSpec.BreakAReference(spec);
        CommandResult bad = await Commands.RunAsync(tool, consumer, "volumes.yaml");

        Assert.True(bad.ExitCode == 1, bad.ToString());
        Match error = Regex.Match(bad.Output, @"(?<file>\S*volumes\.yaml)\((?<line>\d+),\d+\): error BMSGEN\d+: ");
        Assert.True(error.Success, bad.ToString());
        Assert.Equal(spec, error.Groups["file"].Value);
        Assert.Equal(line, int.Parse(error.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Edits of the consumer's volumes.yaml shared by the tests.</summary>
internal static class ConsumerSpec
{
    /// <summary>Points a $ref at a schema that does not exist; returns the (1-based) line it is on.</summary>
    public static int BreakAReference(string spec)
    {
        string[] lines = File.ReadAllLines(spec);
        int index = Array.FindIndex(lines, l => l.Contains("volume: {$ref: '#/components/schemas/Volume'}", StringComparison.Ordinal));
        if (index < 0)
        {
            throw new InvalidOperationException($"{spec} no longer holds the reference this edit breaks.");
        }

        lines[index] = lines[index].Replace("schemas/Volume'", "schemas/Volumes'", StringComparison.Ordinal);
        File.WriteAllLines(spec, lines);
        return index + 1;
    }
}
