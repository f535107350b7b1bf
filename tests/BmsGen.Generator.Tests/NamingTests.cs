using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// The naming step: two spec names that would become one C# name, or a spec name that would take a name the
/// generated code declares itself, are a located error naming both (never a silent suffix, never a C# error), and
/// <c>x-csharp-name</c> resolves each; keywords and Unicode names compile.
/// </summary>
public sealed class NamingTests
{
    private const string Header = "openapi: 3.0.3\ninfo: {title: T, version: '1', x-client-name: TClient, x-namespace: T.Api}\n";

    /// <summary>A spec with a <c>NAME</c> placeholder where an x-csharp-name entry goes, the id and line of the error without it, what the message names, and a C# declaration the fixed spec generates.</summary>
    public static TheoryData<string, string, string, int, string[], string> Collisions => new()
    {
        {
            "two properties with one C# name",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Volume:\n      type: object\n      properties:\n        created_at: {type: string}\n        createdAt: {type: string NAME}\n",
            "BMSGEN016", 10, new[] { "property 'created_at' (line 9)", "property 'createdAt' (line 10)", "'CreatedAt'", "x-csharp-name" },
            "public string? CreatedAtCamelCase { get"
        },
        {
            "a property named like its class",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Volume:\n      type: object\n      properties:\n        volume: {type: string NAME}\n",
            "BMSGEN017", 9, new[] { "property 'volume'", "'Volume'", "model's own name" },
            "public string? CreatedAtCamelCase { get"
        },
        {
            "a property named like an inherited member",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Volume:\n      type: object\n      properties:\n        equals: {type: string NAME}\n",
            "BMSGEN017", 9, new[] { "property 'equals'", "'Equals'", "inherits from object" },
            "public string? CreatedAtCamelCase { get"
        },
        {
            "two schemas with one C# name",
            Header + "paths: {}\ncomponents:\n  schemas:\n    server: {type: object, properties: {a: {type: string}}}\n    Server: {type: object, NAMEproperties: {b: {type: string}}}\n",
            "BMSGEN016", 7, new[] { "schema 'server' (line 6)", "schema 'Server' (line 7)" },
            "public sealed partial class CreatedAtCamelCase"
        },
        {
            "an inline schema named like a component",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Server:\n      type: object\n      properties:\n        addresses: {type: object, properties: {ip: {type: string}}}\n    ServerAddresses: {type: object, NAMEproperties: {b: {type: string}}}\n",
            "BMSGEN016", 10, new[] { "inline schema 'ServerAddresses' (line 9)", "schema 'ServerAddresses' (line 10)" },
            "public sealed partial class CreatedAtCamelCase"
        },
        {
            "a schema named like a codec helper",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {tags: {type: array, items: {type: string}}}}\n    ArrayOfString: {type: object, NAMEproperties: {a: {type: string}}}\n",
            "BMSGEN017", 7, new[] { "schema 'ArrayOfString'", "'ReadArrayOfString'", "list shape ArrayOfString" },
            "public sealed partial class CreatedAtCamelCase"
        },
        {
            "a schema whose reader is named like an enumeration's encoded values",
            Header + "paths: {}\ncomponents:\n  schemas:\n    ReadMode: {type: string, enum: [fast, slow]}\n    ModeValues: {type: object, NAMEproperties: {a: {type: string}}}\n",
            "BMSGEN016", 7, new[] { "schema 'ReadMode' (line 6)", "schema 'ModeValues' (line 7)", "'ReadModeValues'" },
            "public sealed partial class CreatedAtCamelCase"
        },
        {
            "a schema named like the client",
            Header + "paths: {}\ncomponents:\n  schemas:\n    TClient: {type: object, NAMEproperties: {a: {type: string}}}\n",
            "BMSGEN017", 6, new[] { "schema 'TClient'", "generated client" },
            "public sealed partial class CreatedAtCamelCase"
        },
        {
            "two schemas with one JSON context property",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Default: {type: object, properties: {a: {type: string}}}\n    DefaultTypeInfo: {type: object, NAMEproperties: {a: {type: string}}}\n",
            "BMSGEN016", 7, new[] { "schema 'Default' (line 6)", "schema 'DefaultTypeInfo' (line 7)", "'DefaultTypeInfo'", "JSON context" },
            "public sealed partial class CreatedAtCamelCase"
        },
        {
            "two enum values with one C# name",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Mode:\n      type: string\n      enum: [a-b, a_b]\n      NAMES\n",
            "BMSGEN016", 8, new[] { "enum value 'a-b' (line 8)", "enum value 'a_b' (line 8)", "'AB'" },
            "public static Mode AUnderscoreB { get; }"
        },
        {
            "an enum value named like a generated member",
            Header + "paths: {}\ncomponents:\n  schemas:\n    Mode:\n      type: string\n      enum: [value, other]\n      NAMES\n",
            "BMSGEN017", 8, new[] { "enum value 'value'", "'Value'", "every generated enum declares" },
            "public static Mode AUnderscoreB { get; }"
        },
        {
            "a path and a query parameter with one C# name",
            Header + "paths:\n  /v2/{project_id}/limits:\n    get:\n      operationId: ShowLimits\n      parameters:\n        - {name: project_id, in: path, required: true, schema: {type: string}}\n        - {name: project_id, in: query, NAMEschema: {type: string}}\n      responses: {'204': {description: ok}}\n",
            "BMSGEN016", 9, new[] { "parameter 'project_id' (line 8)", "parameter 'project_id' (line 9)", "'projectId'" },
            "ShowLimitsAsync(string? createdAtCamelCase = null"
        },
        {
            "a parameter named like the body",
            Header + "paths:\n  /a:\n    post:\n      operationId: CreateA\n      parameters:\n        - {name: body, in: query, NAMEschema: {type: string}}\n      requestBody: {content: {application/json: {schema: {type: string}}}}\n      responses: {'204': {description: ok}}\n",
            "BMSGEN017", 8, new[] { "parameter 'body'", "'body'" },
            "CreateAAsync(string body, string? createdAtCamelCase = null"
        },
        {
            "two operations with one method name",
            Header + "paths:\n  /a:\n    get:\n      operationId: ListA\n      responses: {'204': {description: ok}}\n  /b:\n    get:\n      operationId: ListAWithResponse\n      NAMEresponses: {'204': {description: ok}}\n",
            "BMSGEN016", 10, new[] { "operation 'ListA' (line 6)", "operation 'ListAWithResponse' (line 10)", "'ListAWithResponseAsync'" },
            "CreatedAtCamelCaseAsync("
        },
    };

    [Theory]
    [MemberData(nameof(Collisions))]
    public void A_collision_is_a_located_error_that_names_both_and_the_override_resolves_it(string description, string spec, string id, int line, string[] named, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(spec.Replace("NAMES\n", "\n").Replace(" NAME}", "}").Replace("NAME", string.Empty), "/specs/names.yaml");

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(id == diagnostic.Id, $"{description}: expected {id}, got {diagnostic.Id}: {message}");
        FileLinePositionSpan position = diagnostic.Location.GetLineSpan();
        Assert.Equal("/specs/names.yaml", position.Path);
        Assert.True(line == position.StartLinePosition.Line + 1, $"{description}: expected line {line}, got {position.StartLinePosition.Line + 1}: {message}");
        Assert.All(named, part => Assert.Contains(part, message));
        Assert.Contains("x-csharp-name", message);
        Assert.Empty(run.Sources);

        // The override, in the position the spec gives it, resolves the collision; the code compiles.
        string fixedSpec = spec
            .Replace("NAMES\n", description.Contains("generated member") ? "x-csharp-enum-names: {value: AUnderscoreB}\n" : "x-csharp-enum-names: {a_b: AUnderscoreB}\n")
            .Replace(" NAME}", ", x-csharp-name: CreatedAtCamelCase}")
            .Replace("NAME", description.Contains("operations") ? "x-csharp-name: CreatedAtCamelCase\n      " : "x-csharp-name: " + (description.Contains("parameter") ? "createdAtCamelCase" : "CreatedAtCamelCase") + ", ");
        GeneratorRun fixedRun = GeneratorHarness.Run(fixedSpec, "/specs/names.yaml");

        Assert.True(fixedRun.GeneratorDiagnostics.IsEmpty, $"{description}: {string.Join("\n", fixedRun.GeneratorDiagnostics)}");
        Assert.True(fixedRun.CompilationDiagnostics.IsEmpty, $"{description}: {string.Join("\n", fixedRun.CompilationDiagnostics)}");
        Assert.Contains(declaration, string.Concat(fixedRun.Sources.Values));
        Assert.DoesNotMatch(@"\b(CreatedAt|AB|Volume|Server|ProjectId|projectId|ListA)2\b", string.Concat(fixedRun.Sources.Values));
    }

    [Theory]
    [InlineData("paging", "page_size", "pageSize")]
    [InlineData("paging", "cursor", "cursor")]
    [InlineData("job", "submitted", "submitted")]
    [InlineData("job", "id", "id")]
    [InlineData("any", "cancellation_token", "cancellationToken")]
    [InlineData("any", "request", "request")]
    public void A_parameter_named_like_a_generated_local_is_reported(string feature, string wireName, string clrName)
    {
        string spec = Header + """
            paths:
              /servers:
                get:
                  operationId: ListServers
                  GETEXTRA
                  parameters:
                    - {name: limit, in: query, schema: {type: integer}}
                    - {name: offset, in: query, schema: {type: integer}}
                    - {name: WIRE, in: query, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {type: object, properties: {servers: {type: array, items: {type: string}}}}}}
                post:
                  operationId: CreateServer
                  POSTEXTRA
                  parameters: [POSTPARAMETER]
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {type: object, properties: {job_id: {type: string}}}}}
              /jobs/{job_id}:
                get:
                  operationId: ShowJob
                  parameters:
                    - {name: job_id, in: path, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {type: object, properties: {status: {type: string}}}}}
            """
            .Replace("GETEXTRA", feature == "paging" ? "x-paging: {style: offset, items: servers}" : "summary: List")
            .Replace("POSTEXTRA", feature == "job" ? "x-job: ShowJob" : "summary: Create")
            .Replace("POSTPARAMETER", feature == "job" ? "{name: WIRE, in: header, schema: {type: string}}" : string.Empty)
            .Replace("WIRE", wireName);

        GeneratorRun run = GeneratorHarness.Run(spec);

        Assert.Null(run.Exception);
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BMSGEN017", error.Id);
        Assert.Contains($"parameter '{wireName}' needs the C# name '{clrName}'", error.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(feature == "job" ? 19 : 11, error.Location.GetLineSpan().StartLinePosition.Line + 1);

        GeneratorRun renamed = GeneratorHarness.Run(spec.Replace($"{{name: {wireName}, in:", $"{{x-csharp-name: spec{clrName.Substring(0, 1).ToUpperInvariant()}{clrName.Substring(1)}, name: {wireName}, in:"));
        Assert.True(renamed.GeneratorDiagnostics.IsEmpty, string.Join("\n", renamed.GeneratorDiagnostics));
        Assert.True(renamed.CompilationDiagnostics.IsEmpty, string.Join("\n", renamed.CompilationDiagnostics));
    }

    [Theory]
    [InlineData("class", "a keyword")]
    [InlineData("'two words'", "not an identifier")]
    [InlineData("Volume__Part0", "a generated helper's '__'")]
    [InlineData("'@Volume'", "an escaped name")]
    public void An_unusable_override_is_reported_at_its_line(string chosen, string why)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + $"paths: {{}}\ncomponents:\n  schemas:\n    Volume:\n      type: object\n      properties:\n        size:\n          type: integer\n          x-csharp-name: {chosen}\n");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.True("BMSGEN007" == diagnostic.Id, $"{why}: {diagnostic}");
        Assert.Equal(11, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("x-csharp-name of property 'size'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Keyword_names_compile_escaped_or_cased()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + """
            paths:
              /a/{class}:
                get:
                  operationId: namespace
                  parameters:
                    - {name: class, in: path, required: true, schema: {type: string}}
                    - {name: int, in: query, schema: {type: integer}}
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {$ref: '#/components/schemas/object'}}}
            components:
              schemas:
                object:
                  type: object
                  properties:
                    class: {type: string}
                    static: {type: string, enum: [void, 'null', 'true']}
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
        string all = string.Concat(run.Sources.Values);
        Assert.Contains("NamespaceAsync(string @class, int? @int = null", all);
        Assert.Contains("public sealed partial class Object", all);
        Assert.Contains("public string? Class { get", all);
        Assert.Contains("public static ObjectStatic Null { get; }", all);
    }

    [Fact]
    public void Unicode_names_keep_their_letters()
    {
        const string spec = "paths: {}\ncomponents:\n  schemas:\n    Größe:\n      type: object\n      properties:\n        名前: {type: string}\n        説明: {type: string}\n        höhe: {type: integer}\n";

        GeneratorRun run = GeneratorHarness.Run(Header + spec);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
        string models = run.Sources["T.Api.TClient.Models.g.cs"];
        Assert.Contains("public sealed partial class Größe", models);
        Assert.Contains("public string? 名前 { get", models);
        Assert.Contains("public string? 説明 { get", models);
        Assert.Contains("public int? Höhe { get", models);
    }

    [Fact]
    public void A_renamed_operation_keeps_its_operation_id_on_the_wire_and_for_x_job()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + """
            paths:
              /servers:
                post:
                  operationId: CreateServer
                  x-csharp-name: Provision
                  x-job: ShowJob
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {type: object, properties: {job_id: {type: string}}}}}
              /jobs/{job_id}:
                get:
                  operationId: ShowJob
                  x-csharp-name: ReadTask
                  parameters:
                    - {name: job_id, in: path, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {type: object, properties: {status: {type: string}}}}}
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
        string client = run.Sources["T.Api.TClient.Client.g.cs"];
        Assert.Contains(" ProvisionAsync(", client);
        Assert.Contains(" ProvisionAndWaitAsync(", client);
        Assert.Contains(" WaitForReadTaskAsync(string jobId", client);
        Assert.Contains("new global::BmsGen.Runtime.ApiRequest(\"CreateServer\"", client);
        Assert.Contains("global::T.Api.ProvisionResponse", client);
    }
}
