using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using BmsGen.Generator.Emitting;
using BmsGen.Generator.Model;
using BmsGen.Generator.Parsing;
using BmsGen.SpecCheck.CrossCheck;
using BmsGen.SpecCheck.Reference;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Usage: BmsGen.SpecCheck <spec.yaml>... [--emit <dir>] [--reference <dir>]
// Prints every diagnostic the generator would report, every C# error in the code it would emit and every difference
// from an independent reading with NSwag; exit code 1 on any. --reference writes each client's Markdown reference.
// The emitted code is compiled as a consumer build compiles it (doc comments checked, nullable on, warnings as errors,
// the framework and BmsGen.Runtime as references), so OK means that build passes.
string? emitDirectory = null;
string? referenceDirectory = null;
var specs = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--emit" && i + 1 < args.Length)
    {
        emitDirectory = args[++i];
    }
    else if (args[i] == "--reference" && i + 1 < args.Length)
    {
        referenceDirectory = args[++i];
    }
    else
    {
        specs.Add(args[i]);
    }
}

if (specs.Count == 0)
{
    Console.Error.WriteLine("usage: BmsGen.SpecCheck <spec.yaml>... [--emit <dir>] [--reference <dir>]");
    return 2;
}

int failures = 0;
// The framework and BmsGen.Runtime with its dependencies, without this tool's own (the generator, Roslyn, YamlDotNet),
// which a consumer's code does not see.
string[] toolOnly = { "BmsGen.Generator", "BmsGen.SpecCheck", "YamlDotNet", "Microsoft.CodeAnalysis" };
MetadataReference[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
    .Split(Path.PathSeparator)
    .Where(path => !toolOnly.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
    .Append(typeof(BmsGen.Runtime.ApiTransport).Assembly.Location)
    .Distinct(StringComparer.Ordinal)
    .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
    .ToArray();

foreach (string specPath in specs)
{
    string fullPath = Path.GetFullPath(specPath);
    string specText = File.ReadAllText(fullPath);
    SpecParseResult result = SpecParser.Parse(new SpecInput(fullPath, specText, null, null), CancellationToken.None);
    foreach (DiagnosticInfo diagnostic in result.Diagnostics)
    {
        // Warnings count too: the consumer build treats them as errors.
        Console.WriteLine($"{diagnostic.FilePath}({diagnostic.Line},{diagnostic.Column}): {diagnostic.SeverityText} {diagnostic.Id}: {diagnostic.Message}");
        failures++;
    }

    if (result.Model is not { } model)
    {
        continue;
    }

    foreach (string problem in await SpecCrossCheck.RunAsync(fullPath, specText, model, CancellationToken.None))
    {
        Console.WriteLine(problem);
        failures++;
    }

    if (referenceDirectory is not null)
    {
        Directory.CreateDirectory(referenceDirectory);
        File.WriteAllText(Path.Combine(referenceDirectory, ReferenceRenderer.FileName(model)), ReferenceRenderer.Render(model, Path.GetFileName(fullPath)));
    }

    IReadOnlyList<KeyValuePair<string, string>> sources = SpecEmitter.Emit(model);
    if (emitDirectory is not null)
    {
        Directory.CreateDirectory(emitDirectory);
        foreach (KeyValuePair<string, string> source in sources)
        {
            File.WriteAllText(Path.Combine(emitDirectory, source.Key), source.Value);
        }
    }

    var compilation = CSharpCompilation.Create(
        "SpecCheck",
        sources.Select(s => CSharpSyntaxTree.ParseText(s.Value, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose), path: s.Key)),
        references,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            deterministic: true));
    foreach (Diagnostic diagnostic in compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError))
    {
        Console.WriteLine($"{Path.GetFileName(fullPath)} (generated) {diagnostic}");
        failures++;
    }

    Console.WriteLine($"{Path.GetFileName(fullPath)}: {model.Operations.Count} operations, {model.Types.Count} types.");
}

Console.WriteLine(failures == 0 ? "OK" : $"{failures} problem(s).");
return failures == 0 ? 0 : 1;
