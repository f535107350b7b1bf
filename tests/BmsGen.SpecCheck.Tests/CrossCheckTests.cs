using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Generator.Model;
using BmsGen.SpecCheck.CrossCheck;
using NSwag;
using Xunit;

namespace BmsGen.SpecCheck.Tests;

/// <summary>Every spec read a second time by NSwag and by a raw key walk, independently of the generator's reader.</summary>
public sealed class CrossCheckTests
{
    public static TheoryData<string> SpecFiles() => Specs.Files();

    [Theory]
    [MemberData(nameof(SpecFiles))]
    public async Task Spec_loads_in_NSwag_matches_the_generator_model_one_for_one_and_has_only_OpenAPI_or_extension_keys(string specFile)
    {
        string text = Specs.Read(specFile);
        SpecModel model = Specs.Parse(specFile, text);

        IReadOnlyList<string> problems = await SpecCrossCheck.RunAsync(specFile, text, model, CancellationToken.None);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_description_cut_short_into_a_stray_key_fails_with_its_line_and_column()
    {
        const string Parameter = "        - {name: server_id, in: path, required: true, description: The ECS ID., schema: {type: string}}";
        string text = Specs.Read("ecs.yaml");
        int index = text.IndexOf(Parameter, StringComparison.Ordinal);
        Assert.True(index >= 0, "the parameter line this test breaks is no longer in ecs.yaml");
        int line = text.Take(index).Count(c => c == '\n') + 1;
        // An unquoted ", " in a flow mapping ends the description and starts a key.
        string broken = text.Remove(index, Parameter.Length).Insert(index, Parameter.Replace("The ECS ID.", "The ECS ID, for example abc.", StringComparison.Ordinal));

        IReadOnlyList<string> problems = OpenApiKeyCheck.Check("ecs.yaml", broken);

        string problem = Assert.Single(problems);
        int column = Parameter.IndexOf("The ECS ID.", StringComparison.Ordinal) + "The ECS ID, ".Length + 1;
        Assert.StartsWith($"ecs.yaml({line},{column}): key 'for example abc.'", problem, StringComparison.Ordinal);
        Assert.Contains("parameter object", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_schema_keyword_is_reported_even_though_both_readers_ignore_it()
    {
        const string Yaml = """
            openapi: 3.0.3
            info: {title: T, version: v1}
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    size: {type: integer, maximun: 10, x-note: fine}
            """;

        string problem = Assert.Single(OpenApiKeyCheck.Check("t.yaml", Yaml));

        Assert.StartsWith("t.yaml(9,", problem, StringComparison.Ordinal);
        Assert.Contains("key 'maximun' at $.components.schemas.Thing.properties.size", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_the_generator_model_reads_differently_from_NSwag_is_reported()
    {
        const string Property = """
                    dry_run:
                      type: boolean
                      default: false
            """;
        string text = Specs.Read("ecs.yaml");
        Assert.Contains(Property, text, StringComparison.Ordinal);
        // The model comes from a text whose property is renamed; NSwag reads the real spec.
        SpecModel model = Specs.Parse("ecs.yaml", text.Replace(Property, Property.Replace("dry_run:", "dry_run_renamed:", StringComparison.Ordinal), StringComparison.Ordinal));
        OpenApiDocument document = await Load("ecs.yaml", text);

        IReadOnlyList<string> problems = NSwagCrossCheck.Compare(document, model);

        Assert.Contains("ecs.yaml: schema CreatePostPaidServersRequest: property 'dry_run' is read by NSwag but not in the generator's model", problems);
        Assert.Contains("ecs.yaml: schema CreatePostPaidServersRequest: property 'dry_run_renamed' is in the generator's model but NSwag does not read it", problems);
    }

    [Fact]
    public async Task A_parameter_or_operation_the_generator_model_reads_differently_from_NSwag_is_reported()
    {
        const string Offset = """
                    - name: offset
                      in: query
                      required: false
            """;
        string text = Specs.Read("ecs-hcs.yaml");
        Assert.Contains(Offset, text, StringComparison.Ordinal);
        string changed = text.Replace(Offset, Offset.Replace("required: false", "required: true", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("operationId: ListServersV1Dot0", "operationId: ListServersOld", StringComparison.Ordinal);
        SpecModel model = Specs.Parse("ecs-hcs.yaml", changed);
        OpenApiDocument document = await Load("ecs-hcs.yaml", text);

        IReadOnlyList<string> problems = NSwagCrossCheck.Compare(document, model);

        Assert.Contains(problems, p => p.StartsWith("ecs-hcs.yaml: GET /v1.0/servers (ListServersV1Dot0): NSwag reads this operation; the generator's model has no operation ListServersV1Dot0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ecs-hcs.yaml: the generator's model has ListServersOld", StringComparison.Ordinal));

        // The same comparison over an unchanged operation whose parameter alone differs.
        SpecModel requiredOnly = Specs.Parse("ecs-hcs.yaml", text.Replace(Offset, Offset.Replace("required: false", "required: true", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains(
            "ecs-hcs.yaml: GET /v1.0/servers (ListServersV1Dot0): parameter 'offset' is required=False for NSwag, required=True in the generator's model",
            NSwagCrossCheck.Compare(document, requiredOnly));
    }

    private static async Task<OpenApiDocument> Load(string fileName, string text)
    {
        (OpenApiDocument? document, string? problem) = await NSwagCrossCheck.LoadAsync(fileName, text, CancellationToken.None);
        Assert.True(document is not null, problem);
        return document!;
    }
}
