using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BmsGen.Generator.Tests;

/// <summary>Runs the generator the way a build does: specs as AdditionalFiles with BmsGenSpec metadata.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("BmsGen.", StringComparison.Ordinal))
            .Append(typeof(BmsGen.Runtime.ApiTransport).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The path of a spec under Scenarios/ (copied next to the tests), which also has a checked-in snapshot.</summary>
    public static string SpecPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <summary>The consumer's parse options: doc comments parsed and checked, as GenerateDocumentationFile does.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>
    /// A consumer compilation as this repository builds one: nullable on, warnings as errors, missing-comment
    /// warnings off (the consumer's own code here has none).
    /// </summary>
    public static CSharpCompilation CreateCompilation(string source = "namespace Consumer { public static class Program { } }") =>
        CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Program.cs") },
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, IReadOnlyDictionary<string, string>? metadata = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new BmsGenGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            new SpecOptionsProvider(metadata ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over one spec text and returns the generated sources and all diagnostics (generator's and compiler's).</summary>
    public static GeneratorRun Run(string specText, string path = "/specs/test.yaml")
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = CreateDriver(new[] { new InMemoryText(path, specText) });
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        return new GeneratorRun(
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            generatorDiagnostics,
            output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray(),
            result.Exception)
        {
            Output = output,
        };
    }

    /// <summary>
    /// Emits the run's compilation to an assembly and its XML documentation file, as the consumer's build does, and
    /// returns what that reports at warning level or above (emit-only errors such as CS7013 among them).
    /// </summary>
    public static string[] Emit(GeneratorRun run)
    {
        using var assembly = new MemoryStream();
        using var documentation = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Output!.Emit(assembly, xmlDocumentationStream: documentation);
        return result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).Append(result.Success ? null : "emit failed").OfType<string>().ToArray();
    }
}

internal sealed record GeneratorRun(
    IReadOnlyDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    Exception? Exception)
{
    /// <summary>The consumer compilation with the generated sources added.</summary>
    public Compilation? Output { get; init; }
}

internal sealed class InMemoryText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Gives every AdditionalFile the <c>BmsGenSpec=true</c> metadata that Directory.Build.targets sets.</summary>
internal sealed class SpecOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly IReadOnlyDictionary<string, string> _metadata;

    public SpecOptionsProvider(IReadOnlyDictionary<string, string> metadata) => _metadata = metadata;

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.BmsGenSpec"] = "true" };
        foreach (KeyValuePair<string, string> pair in _metadata)
        {
            values["build_metadata.AdditionalFiles." + pair.Key] = pair.Value;
        }

        return new Options(values);
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
