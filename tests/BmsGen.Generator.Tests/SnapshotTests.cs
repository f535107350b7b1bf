using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// One snapshot per scenario: every spec <c>Scenarios/&lt;scenario&gt;.yaml</c> has its generated sources checked in
/// under <c>Snapshots/&lt;scenario&gt;/</c>, compared byte for byte; so has every feature spec the client tests compile
/// (<c>tests/BmsGen.Client.Tests/Features/&lt;scenario&gt;.yaml</c>). A scenario the generator reports on also keeps
/// the diagnostics it gets, one a line, in <c>Snapshots/&lt;scenario&gt;/diagnostics.txt</c>; a scenario without
/// errors must compile under the consumer's settings (doc comments checked, warnings as errors).
/// After an intended change, rewrite the snapshots and review the diff:
/// <code>BMSGEN_UPDATE_SNAPSHOTS=1 dotnet test tests/BmsGen.Generator.Tests -c Release --filter FullyQualifiedName~SnapshotTests</code>
/// </summary>
public sealed class SnapshotTests
{
    private const string UpdateVariable = "BMSGEN_UPDATE_SNAPSHOTS";
    private const string DiagnosticsFile = "diagnostics.txt";
    private const string UpdateHint = UpdateVariable + "=1 dotnet test tests/BmsGen.Generator.Tests -c Release --filter FullyQualifiedName~SnapshotTests";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (string name in ScenarioNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Generated_sources_match_the_checked_in_snapshot(string scenario)
    {
        GeneratorRun run = GeneratorHarness.Run(File.ReadAllText(ScenarioPath(scenario)), $"/specs/{scenario}.yaml");

        Assert.Null(run.Exception);
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> source in run.Sources)
        {
            expected.Add(source.Key, source.Value);
        }

        if (!run.GeneratorDiagnostics.IsEmpty)
        {
            expected.Add(DiagnosticsFile, FormatDiagnostics(run.GeneratorDiagnostics));
        }

        if (!run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.True(run.Sources.Count > 0, $"scenario {scenario} generated nothing");
            Assert.True(run.CompilationDiagnostics.IsEmpty, $"scenario {scenario} does not compile:\n{string.Join("\n", run.CompilationDiagnostics.Take(10))}");
        }

        string directory = SnapshotDirectory(scenario);
        if (Updating)
        {
            Write(directory, expected);
        }

        Assert.True(
            Directory.Exists(directory),
            $"Scenario '{scenario}' has no snapshot. Create Snapshots/{scenario}/ with\n  {UpdateHint}\nand review the new files before committing them.");
        string[] snapshotNames = Directory.GetFiles(directory).Select(p => Path.GetFileName(p)!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.True(
            snapshotNames.SequenceEqual(expected.Keys, StringComparer.Ordinal),
            $"Scenario '{scenario}' generated [{string.Join(", ", expected.Keys)}] but Snapshots/{scenario}/ holds [{string.Join(", ", snapshotNames)}]. If the change is intended, run\n  {UpdateHint}");
        foreach (KeyValuePair<string, string> file in expected)
        {
            byte[] actual = Encoding.UTF8.GetBytes(file.Value);
            byte[] snapshot = File.ReadAllBytes(Path.Combine(directory, file.Key));
            Assert.True(
                actual.AsSpan().SequenceEqual(snapshot),
                $"Snapshots/{scenario}/{file.Key} differs from the generated text {FirstDifference(Encoding.UTF8.GetString(snapshot), file.Value)}\nIf the change is intended, run\n  {UpdateHint}");
        }
    }

    /// <summary>A snapshot directory whose scenario was renamed or removed would otherwise linger unchecked.</summary>
    [Fact]
    public void Every_snapshot_directory_belongs_to_a_scenario()
    {
        string[] scenarios = ScenarioNames().ToArray();
        Assert.NotEmpty(scenarios);
        string[] orphans = Directory.GetDirectories(Path.Combine(ProjectDirectory(), "Snapshots"))
            .Select(p => Path.GetFileName(p)!)
            .Where(name => !scenarios.Contains(name, StringComparer.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        if (Updating)
        {
            foreach (string orphan in orphans)
            {
                Directory.Delete(SnapshotDirectory(orphan), recursive: true);
            }

            return;
        }

        Assert.True(orphans.Length == 0, $"Snapshots/ holds directories without a Scenarios/<name>.yaml: {string.Join(", ", orphans)}. Delete them, or run\n  {UpdateHint}");
        Assert.Empty(Directory.GetFiles(Path.Combine(ProjectDirectory(), "Snapshots")));
    }

    [Fact]
    public void Output_is_deterministic_and_uses_only_line_feeds()
    {
        string spec = File.ReadAllText(ScenarioPath("servers-mini"));
        GeneratorRun first = GeneratorHarness.Run(spec);
        GeneratorRun second = GeneratorHarness.Run(spec.Replace("\n", "\r\n"));

        Assert.Equal(first.Sources, second.Sources);
        Assert.All(first.Sources.Values, text => Assert.DoesNotContain('\r', text));
        Assert.All(first.Sources.Values, text => Assert.StartsWith("// <auto-generated/>\n", text));
    }

    [Fact]
    public void MSBuild_metadata_overrides_the_client_name_and_namespace()
    {
        var metadata = new Dictionary<string, string> { ["ClientName"] = "RenamedClient", ["Namespace"] = "Custom.Space" };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(
            new[] { new InMemoryText("/specs/mini.yaml", File.ReadAllText(ScenarioPath("servers-mini"))) },
            metadata);

        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out Compilation output, out _);

        Assert.NotNull(output.GetTypeByMetadataName("Custom.Space.RenamedClient"));
        Assert.Null(output.GetTypeByMetadataName("Mini.Api.MiniClient"));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// The scenarios: the specs under Scenarios/, and the feature specs that tests/BmsGen.Client.Tests compiles through
    /// the generator (each feature gets a snapshot besides its client tests).
    /// </summary>
    private static IEnumerable<string> ScenarioNames() =>
        ScenarioDirectories()
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.GetFiles(directory, "*.yaml"))
            .Select(p => Path.GetFileNameWithoutExtension(p)!)
            .OrderBy(n => n, StringComparer.Ordinal);

    private static string[] ScenarioDirectories() => new[]
    {
        Path.Combine(ProjectDirectory(), "Scenarios"),
        Path.GetFullPath(Path.Combine(ProjectDirectory(), "..", "BmsGen.Client.Tests", "Features")),
    };

    private static string ScenarioPath(string scenario)
    {
        string[] found = ScenarioDirectories().Select(directory => Path.Combine(directory, scenario + ".yaml")).Where(File.Exists).ToArray();
        Assert.True(found.Length == 1, $"scenario '{scenario}' must be one file, found {found.Length}: {string.Join(", ", found)}");
        return found[0];
    }

    private static string SnapshotDirectory(string scenario) => Path.Combine(ProjectDirectory(), "Snapshots", scenario);

    /// <summary>Each diagnostic as <c>ID severity (line,column): message</c>, in the order the generator reports them.</summary>
    private static string FormatDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            LinePosition start = diagnostic.Location.GetLineSpan().StartLinePosition;
            text.Append(diagnostic.Id).Append(' ').Append(diagnostic.Severity.ToString()).Append(" (")
                .Append((start.Line + 1).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((start.Character + 1).ToString(CultureInfo.InvariantCulture)).Append("): ")
                .Append(diagnostic.GetMessage(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static void Write(string directory, IReadOnlyDictionary<string, string> files)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        foreach (KeyValuePair<string, string> file in files)
        {
            File.WriteAllBytes(Path.Combine(directory, file.Key), Encoding.UTF8.GetBytes(file.Value));
        }
    }

    private static string FirstDifference(string snapshot, string generated)
    {
        string[] expected = snapshot.Split('\n');
        string[] actual = generated.Split('\n');
        for (int i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            string? was = i < expected.Length ? expected[i] : null;
            string? now = i < actual.Length ? actual[i] : null;
            if (was != now)
            {
                return $"first at line {i + 1}:\n  snapshot:  {was ?? "(end of file)"}\n  generated: {now ?? "(end of file)"}";
            }
        }

        return "in its encoding or line endings";
    }

    private static string ProjectDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
