using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Emitting;
using BmsGen.Generator.Model;
using BmsGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BmsGen.Generator;

/// <summary>
/// Turns each spec file (an AdditionalFiles item with <c>BmsGenSpec=true</c> metadata) into a client, its models
/// and their JSON code. The pipeline is per file: editing one spec re-runs only that spec's parse and emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BmsGenGenerator : IIncrementalGenerator
{
    /// <summary>Step names, for incrementality tests.</summary>
    public static class TrackingNames
    {
        public const string SpecInputs = nameof(SpecInputs);
        public const string ParseResults = nameof(ParseResults);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<SpecInput> inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right.GetOptions(pair.Left), pair.Right.GlobalOptions, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(TrackingNames.SpecInputs);

        IncrementalValuesProvider<SpecParseResult> results = inputs
            .Select(static (input, cancellationToken) => SpecParser.Parse(input, cancellationToken))
            .WithTrackingName(TrackingNames.ParseResults);

        context.RegisterSourceOutput(results, static (context, result) => Emit(context, result));
    }

    private static SpecInput? ReadInput(AdditionalText file, AnalyzerConfigOptions options, AnalyzerConfigOptions globalOptions, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("build_metadata.AdditionalFiles.BmsGenSpec", out string? flag) ||
            !string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        // The project's RootNamespace reaches the generator through <CompilerVisibleProperty Include="RootNamespace" />.
        string? rootNamespace = globalOptions.TryGetValue("build_property.RootNamespace", out string? root) && !string.IsNullOrWhiteSpace(root) ? root.Trim() : null;
        return new SpecInput(file.Path, text, Metadata(options, "ClientName"), Metadata(options, "Namespace"), rootNamespace);
    }

    private static string? Metadata(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_metadata.AdditionalFiles." + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static void Emit(SourceProductionContext context, SpecParseResult result)
    {
        foreach (DiagnosticInfo info in result.Diagnostics)
        {
            context.ReportDiagnostic(ToDiagnostic(info));
        }

        if (result.Model is not { } spec)
        {
            return;
        }

        foreach (KeyValuePair<string, string> source in SpecEmitter.Emit(spec))
        {
            context.AddSource(source.Key, SourceText.From(source.Value, Encoding.UTF8));
        }
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var position = new LinePosition(Math.Max(0, info.Line - 1), Math.Max(0, info.Column - 1));
        Location location = Location.Create(info.FilePath, default, new LinePositionSpan(position, position));
        return Diagnostic.Create(info.Descriptor, location, info.Arguments.Cast<object?>().ToArray());
    }
}
