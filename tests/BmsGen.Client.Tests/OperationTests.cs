using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// Calls every generated operation of every spec against a mock endpoint and checks the exact method, path,
/// query, headers and JSON body it sends, and that it parses the spec's example (or a schema-filled) response.
/// </summary>
public sealed class OperationTests
{
    public static TheoryData<string, string> AllOperations()
    {
        var data = new TheoryData<string, string>();
        foreach (SpecOperation operation in SpecCatalog.Operations)
        {
            data.Add(operation.Spec.FileName, operation.OperationId);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public async Task Operation_sends_the_documented_request_and_parses_the_response(string specFile, string operationId)
    {
        SpecOperation operation = SpecCatalog.Specs.Single(s => s.FileName == specFile).Operations.Single(o => o.OperationId == operationId);
        JsonSerializerOptions options = ClientHarness.Options(operation.Spec);
        JsonNode? requestJson = operation.RequestSchema is null ? null : operation.RequestExamples.Select(e => e.Value).FirstOrDefault() ?? SchemaSampler.Sample(operation.Spec, operation.RequestSchema);
        JsonNode? responseJson = operation.ResponseSchema is null ? null : operation.ResponseExamples.Select(e => e.Value).FirstOrDefault() ?? SchemaSampler.Sample(operation.Spec, operation.ResponseSchema);

        var expectedQuery = new List<string>();
        var expectedHeaders = new List<(string, string)>();
        var pathValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var arguments = new List<object?>();
        foreach (ParameterInfo parameter in operation.ClientMethod.GetParameters())
        {
            if (parameter.Name == "cancellationToken")
            {
                arguments.Add(CancellationToken.None);
                continue;
            }

            if (parameter.Name == "body")
            {
                arguments.Add(JsonSerializer.Deserialize(requestJson!.ToJsonString(), parameter.ParameterType, options));
                continue;
            }

            JsonObject spec = SpecParameter(operation, parameter.Name!);
            string wireName = (string)spec["name"]!;
            (object value, string[] texts) = ArgumentFor(parameter.ParameterType, operation.Spec, spec);
            arguments.Add(value);
            switch ((string)spec["in"]!)
            {
                case "path":
                    pathValues[wireName] = texts[0];
                    break;
                case "query":
                    expectedQuery.AddRange(texts.Select(t => Uri.EscapeDataString(wireName) + "=" + Uri.EscapeDataString(t)));
                    break;
                case "header":
                    expectedHeaders.Add((wireName, texts[0]));
                    break;
            }
        }

        string expectedPath = operation.WirePath;
        foreach (JsonObject parameter in operation.Parameters.Where(p => (string?)p["in"] == "path"))
        {
            string name = (string)parameter["name"]!;
            string value = name is "project_id" or "tenant_id" ? ClientHarness.ProjectId : pathValues[name];
            expectedPath = expectedPath.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        HttpRequestMessage? sent = null;
        string? sentBody = null;
        var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(async request =>
        {
            sent = request;
            sentBody = request.Content is null ? null : await request.Content.ReadAsStringAsync();
            return new HttpResponseMessage((HttpStatusCode)operation.SuccessStatus)
            {
                Content = new StringContent(responseJson?.ToJsonString() ?? string.Empty, System.Text.Encoding.UTF8, "application/json"),
            };
        });
        object client = ClientHarness.CreateClient(operation.Spec, handler);

        var task = (Task)operation.ClientMethod.Invoke(client, arguments.ToArray())!;
        await task;

        Assert.NotNull(sent);
        Assert.Equal(operation.Method, sent!.Method.Method);
        Assert.Equal(expectedPath, sent.RequestUri!.AbsolutePath);
        string[] query = sent.RequestUri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedQuery.OrderBy(q => q, StringComparer.Ordinal), query.OrderBy(q => q, StringComparer.Ordinal));
        foreach ((string name, string value) in expectedHeaders)
        {
            Assert.Equal(value, Assert.Single(sent.Headers.GetValues(name)));
        }

        if (requestJson is null)
        {
            Assert.Null(sentBody);
        }
        else
        {
            Assert.Equal("application/json", sent.Content!.Headers.ContentType!.MediaType);
            JsonAssert.Equivalent(requestJson, sentBody!, $"{operationId} request body");
        }

        if (operation.ResponseType is { } responseType)
        {
            object? result = task.GetType().GetProperty("Result")!.GetValue(task);
            Assert.NotNull(result);
            JsonAssert.Equivalent(responseJson, JsonSerializer.Serialize(result, responseType, options), $"{operationId} response");
        }
    }

    /// <summary>
    /// The spec parameter behind a generated argument: same name up to case and punctuation, or, for a name the
    /// generator made unique with a numeric suffix (a query <c>project_id</c> beside the path one), without it.
    /// </summary>
    private static JsonObject SpecParameter(SpecOperation operation, string argumentName)
    {
        List<JsonObject> arguments = operation.Parameters
            .Where(p => !((string?)p["in"] == "path" && (string?)p["name"] is "project_id" or "tenant_id"))
            .ToList();
        string wanted = ClientHarness.Normalize(argumentName);
        return arguments.SingleOrDefault(p => ClientHarness.Normalize((string)p["name"]!) == wanted)
            ?? arguments.Single(p => ClientHarness.Normalize((string)p["name"]!) == wanted.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));
    }

    /// <summary>A value for a parameter and the wire text(s) it must produce.</summary>
    private static (object Value, string[] Texts) ArgumentFor(Type type, SpecDocument spec, JsonObject parameter)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        JsonObject schema = parameter["schema"] is JsonNode node ? spec.Resolve(node) : new JsonObject { ["type"] = "string" };
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            Type elementType = target.GetGenericArguments()[0];
            JsonObject items = spec.Resolve(schema["items"]!);
            (object first, string[] firstText) = Scalar(elementType, items, "a");
            var array = Array.CreateInstance(elementType, 2);
            array.SetValue(first, 0);
            array.SetValue(first, 1);
            return (array, new[] { firstText[0], firstText[0] });
        }

        return Scalar(target, schema, (string)parameter["name"]!);
    }

    private static (object, string[]) Scalar(Type type, JsonObject schema, string seed)
    {
        if (type == typeof(string))
        {
            string text = "v-" + seed + " x";
            return (text, new[] { text });
        }

        if (type == typeof(int))
        {
            return (3, new[] { "3" });
        }

        if (type == typeof(long))
        {
            return (4L, new[] { "4" });
        }

        if (type == typeof(double))
        {
            return (2.5, new[] { "2.5" });
        }

        if (type == typeof(bool))
        {
            return (true, new[] { "true" });
        }

        // A generated string enum: construct it from its first documented value.
        string value = (string?)schema["enum"]?.AsArray().FirstOrDefault(v => v is not null) ?? "x";
        return (Activator.CreateInstance(type, value)!, new[] { value });
    }
}
