using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>allOf, oneOf and anyOf: the scenarios compile, and every shape the generator does not support is a located error.</summary>
public sealed class CompositionTests
{
    private const string Header = "openapi: 3.0.3\ninfo: {title: T, version: '1', x-client-name: TClient, x-namespace: T.Api}\npaths: {}\ncomponents:\n  schemas:\n";

    private const string Cat = "    Cat: {type: object, properties: {pet_type: {type: string}}}\n";

    public static TheoryData<string, string, string, int> Unsupported => new()
    {
        { "not", Header + "    A:\n      not: {type: string}\n", "BMSGEN005", 7 },
        { "allOf beside oneOf", Header + "    A:\n      allOf: [{type: object}]\n      oneOf: [{type: string}]\n", "BMSGEN005", 8 },
        { "discriminator without oneOf", Header + "    A:\n      type: object\n      properties: {k: {type: string}}\n      discriminator: {propertyName: k}\n", "BMSGEN005", 9 },
        { "allOf of a string", Header + "    A:\n      allOf:\n        - type: string\n", "BMSGEN005", 8 },
        { "allOf part that is an enum", Header + "    E: {type: string, enum: [a]}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/E'\n        - properties: {x: {type: string}}\n", "BMSGEN005", 9 },
        { "nested oneOf in an allOf part", Header + "    A:\n      allOf:\n        - oneOf: [{type: string}]\n", "BMSGEN005", 8 },
        {
            "allOf parts that disagree on a property",
            Header + "    B: {type: object, properties: {size: {type: string}}}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - properties:\n            size: {type: integer}\n",
            "BMSGEN002", 11
        },
        {
            "named allOf parts that disagree on a property",
            Header + "    B: {type: object, properties: {size: {type: string}}}\n    C: {type: object, properties: {size: {type: integer}}}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - $ref: '#/components/schemas/C'\n",
            "BMSGEN002", 11
        },
        {
            "required entry that no part declares",
            Header + "    B: {type: object, properties: {id: {type: string}}}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - properties: {x: {type: string}}\n      required: [missing]\n",
            "BMSGEN002", 11
        },
        {
            "derived schema requiring the base's optional member",
            Header + "    B: {type: object, properties: {id: {type: string}}}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - properties: {x: {type: string}}\n          required: [id]\n",
            "BMSGEN005", 11
        },
        {
            "allOf base whose members contain the derived model",
            Header + "    B: {type: object, properties: {child: {$ref: '#/components/schemas/A'}}}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - properties: {x: {type: string}}\n",
            "BMSGEN005", 9
        },
        {
            "inline variant of a discriminated oneOf",
            Header + Cat + "    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n        - {type: object, properties: {a: {type: string}}}\n      discriminator: {propertyName: pet_type}\n",
            "BMSGEN005", 10
        },
        {
            "variant that is not an object",
            Header + "    S: {type: string}\n    P:\n      oneOf:\n        - $ref: '#/components/schemas/S'\n      discriminator: {propertyName: pet_type}\n",
            "BMSGEN005", 9
        },
        {
            "discriminator mapping to a schema that is not a variant",
            Header + Cat + "    Dog: {type: object, properties: {pet_type: {type: string}}}\n    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator:\n        propertyName: pet_type\n        mapping:\n          dog: '#/components/schemas/Dog'\n",
            "BMSGEN002", 14
        },
        {
            "discriminator without propertyName",
            Header + Cat + "    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator: {mapping: {}}\n",
            "BMSGEN002", 10
        },
        {
            "variant of two discriminated types",
            Header + Cat + "    P:\n      oneOf: [{$ref: '#/components/schemas/Cat'}]\n      discriminator: {propertyName: pet_type}\n    Q:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator: {propertyName: pet_type}\n",
            "BMSGEN005", 12
        },
        {
            "variant that is also an allOf base",
            Header + Cat + "    Kitten:\n      allOf:\n        - $ref: '#/components/schemas/Cat'\n        - properties: {age: {type: integer}}\n    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator: {propertyName: pet_type}\n",
            "BMSGEN005", 13
        },
        {
            "discriminator that is not a string in the variant",
            Header + "    Cat: {type: object, properties: {pet_type: {type: integer}}}\n    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator: {propertyName: pet_type}\n",
            "BMSGEN002", 9
        },
        {
            "several values for a variant that does not declare the discriminator",
            Header + "    Cat: {type: object, properties: {name: {type: string}}}\n    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator:\n        propertyName: pet_type\n        mapping: {cat: Cat, kitten: Cat}\n",
            "BMSGEN005", 9
        },
        {
            "Unknown variant name taken by a schema",
            Header + Cat + "    UnknownP: {type: object, properties: {a: {type: string}}}\n    P:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n      discriminator: {propertyName: pet_type}\n",
            "BMSGEN013", 9
        },
        { "oneOf variant that allows any JSON", Header + "    U:\n      oneOf:\n        - {type: string}\n        - {}\n", "BMSGEN005", 9 },
        { "allOf part that is the schema itself", Header + "    A:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - properties: {x: {type: string}}\n", "BMSGEN005", 8 },
        { "discriminated oneOf that lists itself", Header + "    P:\n      oneOf:\n        - $ref: '#/components/schemas/P'\n      discriminator: {propertyName: k}\n", "BMSGEN005", 8 },
        { "properties beside oneOf", Header + "    U:\n      oneOf: [{type: string}]\n      properties: {a: {type: string}}\n", "BMSGEN005", 8 },
        {
            "oneOf as a query parameter",
            "openapi: 3.0.3\ninfo: {title: T, version: '1', x-client-name: TClient, x-namespace: T.Api}\npaths:\n  /a:\n    get:\n      operationId: A\n      parameters:\n        - {name: q, in: query, schema: {$ref: '#/components/schemas/U'}}\n      responses: {'204': {description: ok}}\ncomponents:\n  schemas:\n    U: {oneOf: [{type: string}, {type: integer}]}\n",
            "BMSGEN005", 8
        },
        {
            "schema named like the list shape a oneOf variant uses",
            Header + "    ArrayOfString: {type: object, properties: {a: {type: string}}}\n    U:\n      oneOf:\n        - {type: array, items: {type: string}}\n",
            "BMSGEN013", 6
        },
        { "empty oneOf", Header + "    U:\n      oneOf: []\n", "BMSGEN002", 7 },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_composition_is_a_located_error(string description, string spec, string expectedId, int expectedLine)
    {
        GeneratorRun run = GeneratorHarness.Run(spec, "/specs/bad.yaml");

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(expectedId == diagnostic.Id, $"{description}: expected {expectedId}, got {diagnostic.Id}: {diagnostic.GetMessage()}");
        int line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
        Assert.True(expectedLine == line, $"{description}: expected line {expectedLine}, got {line}: {diagnostic.GetMessage()}");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Paging_finds_the_items_and_total_a_page_inherits_through_allOf()
    {
        const string Spec = """
            openapi: 3.0.3
            info: {title: T, version: '1', x-client-name: PagedClient, x-namespace: Paged.Api}
            paths:
              /servers:
                get:
                  operationId: ListServers
                  x-paging: {style: page-number, items: servers, limit: limit, offset: offset, total: count}
                  parameters:
                    - {name: limit, in: query, schema: {type: integer}}
                    - {name: offset, in: query, schema: {type: integer}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/ServerPage'}
            components:
              schemas:
                Page:
                  type: object
                  properties:
                    count: {type: integer}
                    servers:
                      type: array
                      items: {$ref: '#/components/schemas/Server'}
                Server: {type: object, properties: {id: {type: string}}}
                ServerPage:
                  allOf:
                    - $ref: '#/components/schemas/Page'
                    - properties: {request_id: {type: string}}
            """;

        GeneratorRun run = GeneratorHarness.Run(Spec, "/specs/paged.yaml");

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string client = run.Sources.Single(s => s.Key.EndsWith(".Client.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains("IAsyncEnumerable<global::Paged.Api.Server> ListServersAllAsync(", client);
    }

    [Fact]
    public void Inheritance_derives_from_the_named_part_and_composition_copies_every_part()
    {
        GeneratorRun run = GeneratorHarness.Run(File.ReadAllText(ScenarioPath("allof.yaml")), "/specs/allof.yaml");
        string models = run.Sources.Single(s => s.Key.EndsWith(".Models.g.cs", System.StringComparison.Ordinal)).Value;

        Assert.Contains("public partial class Resource\n", models);
        Assert.Contains("public sealed partial class Volume : global::Scenarios.AllOf.Resource\n", models);
        Assert.Contains("public sealed partial class Labelled\n", models);
        string labelled = models.Substring(models.IndexOf("public sealed partial class Labelled", System.StringComparison.Ordinal));
        Assert.Contains("public required string Id { get; init; }", labelled);
        Assert.Contains("public required string Name { get; init; }", labelled);
        Assert.Contains("public string? Label { get; init; }", labelled);
    }

    private static string ScenarioPath(string name, [System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Scenarios", name);
}
