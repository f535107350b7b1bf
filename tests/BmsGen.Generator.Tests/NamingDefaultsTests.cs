using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using BmsGen.Generator.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// The client's name and namespace when a spec names neither: the file name and the consuming project's
/// RootNamespace; the spec's info.x-* and the item's metadata override them in that order.
/// </summary>
public sealed class NamingDefaultsTests
{
    private const string Unnamed = """
        openapi: 3.0.3
        info: {title: Block storage, version: '1'INFO}
        paths:
          /v2/volumes/{volume_id}:
            get:
              operationId: ShowVolume
              parameters:
                - {name: volume_id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: object, properties: {id: {type: string}}}
        """;

    [Theory]
    [InlineData("volumes.yaml", "VolumesClient")]
    [InlineData("/home/me/app/specs/my-api.v2.yaml", "MyApiV2Client")]
    [InlineData(@"C:\src\app\ecs-client.yml", "EcsClient")]
    [InlineData("2024_audit.yaml", "_2024AuditClient")]
    [InlineData("storage.json", "StorageClient")]
    [InlineData("-.yaml", "ApiClient")]
    public void The_client_name_comes_from_the_file_name(string path, string expected)
    {
        Assert.Equal(expected, SpecNames.ClientNameFromFile(path));
    }

    [Theory]
    [InlineData("Acme.Storage", "Acme.Storage")]
    [InlineData("my-app", "my_app")]
    [InlineData("2048.Game", "_2048.Game")]
    [InlineData("Acme.class", "Acme._class")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void The_root_namespace_is_made_a_valid_namespace(string? rootNamespace, string? expected)
    {
        Assert.Equal(expected, SpecNames.NamespaceFromRoot(rootNamespace));
    }

    [Fact]
    public void A_spec_naming_neither_gets_the_project_root_namespace_and_a_client_named_after_its_file()
    {
        GeneratorRun run = Run(Unnamed.Replace("INFO", string.Empty), "/app/specs/block-volumes.yaml", rootNamespace: "Acme.Storage");

        Assert.Contains("Acme.Storage.BlockVolumesClient.Client.g.cs", run.Sources.Keys);
        string client = run.Sources["Acme.Storage.BlockVolumesClient.Client.g.cs"];
        Assert.Contains("namespace Acme.Storage\n", client.Replace("\r\n", "\n"));
        Assert.Contains("public sealed partial class BlockVolumesClient", client);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void A_project_without_a_root_namespace_gets_the_fallback_namespace()
    {
        GeneratorRun run = Run(Unnamed.Replace("INFO", string.Empty), "/app/volumes.yaml", rootNamespace: null);

        Assert.Contains($"{SpecNames.FallbackNamespace}.VolumesClient.Client.g.cs", run.Sources.Keys);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void The_spec_info_names_win_over_the_defaults()
    {
        GeneratorRun run = Run(Unnamed.Replace("INFO", ", x-client-name: CinderClient, x-namespace: Acme.Cinder"), "/app/volumes.yaml", rootNamespace: "Acme.Storage");

        Assert.Contains("Acme.Cinder.CinderClient.Client.g.cs", run.Sources.Keys);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void The_item_metadata_wins_over_the_spec_info()
    {
        GeneratorRun run = Run(
            Unnamed.Replace("INFO", ", x-client-name: CinderClient, x-namespace: Acme.Cinder"),
            "/app/volumes.yaml",
            rootNamespace: "Acme.Storage",
            metadata: new Dictionary<string, string> { ["ClientName"] = "DiskClient", ["Namespace"] = "Acme.Disks" });

        Assert.Contains("Acme.Disks.DiskClient.Client.g.cs", run.Sources.Keys);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Generated_types_carry_the_generator_assembly_version()
    {
        string version = typeof(BmsGenGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        GeneratorRun run = Run(Unnamed.Replace("INFO", string.Empty), "/app/volumes.yaml", rootNamespace: "Acme.Storage");

        string client = run.Sources["Acme.Storage.VolumesClient.Client.g.cs"];
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"BmsGen.Generator\", \"{version}\")]", client);
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+", version);
    }

    private static GeneratorRun Run(string spec, string path, string? rootNamespace, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var global = new Dictionary<string, string>();
        if (rootNamespace is not null)
        {
            global["build_property.RootNamespace"] = rootNamespace;
        }

        var file = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.BmsGenSpec"] = "true" };
        foreach (KeyValuePair<string, string> pair in metadata ?? new Dictionary<string, string>())
        {
            file["build_metadata.AdditionalFiles." + pair.Key] = pair.Value;
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new BmsGenGenerator().AsSourceGenerator() },
            new[] { new InMemoryText(path, spec) },
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options(global, file));
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return new GeneratorRun(
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            diagnostics.AddRange(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    private sealed record GeneratorRun(IReadOnlyDictionary<string, string> Sources, ImmutableArray<Diagnostic> Diagnostics);

    private sealed class Options(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, string> file) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(file);
    }

    private sealed class Values(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
