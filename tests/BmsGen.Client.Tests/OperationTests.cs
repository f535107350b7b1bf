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
        ParameterInfo[] signature = operation.ClientMethod.GetParameters();
        var arguments = new object?[signature.Length];
        var filled = new bool[signature.Length];
        for (int position = 0; position < signature.Length; position++)
        {
            if (signature[position].Name == "cancellationToken")
            {
                (arguments[position], filled[position]) = (CancellationToken.None, true);
            }
            else if (signature[position].Name == "body")
            {
                (arguments[position], filled[position]) = (JsonSerializer.Deserialize(requestJson!.ToJsonString(), signature[position].ParameterType, options), true);
            }
        }

        // The arguments come from the spec's parameters, each with its own value: an argument the generator dropped,
        // merged or invented, or a value sent under another parameter's name, fails here or in the request checks.
        List<JsonObject> specParameters = operation.Parameters
            .Where(p => !((string?)p["in"] == "path" && (string?)p["name"] is "project_id" or "tenant_id"))
            .ToList();
        for (int index = 0; index < specParameters.Count; index++)
        {
            JsonObject spec = specParameters[index];
            string wireName = (string)spec["name"]!;
            string location = (string)spec["in"]!;
            int position = ArgumentPosition(signature, filled, (string?)spec["x-csharp-name"] ?? wireName);
            Assert.True(position >= 0, $"{operationId}: the {location} parameter '{wireName}' has no argument in {operation.ClientMethod}");
            (object value, string[] texts) = ArgumentFor(signature[position].ParameterType, operation.Spec, spec, index);
            (arguments[position], filled[position]) = (value, true);
            switch (location)
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
                default:
                    throw new InvalidOperationException($"{operationId}: parameter '{wireName}' is in '{location}'");
            }
        }

        for (int position = 0; position < signature.Length; position++)
        {
            Assert.True(filled[position], $"{operationId}: argument '{signature[position].Name}' matches no parameter of the spec");
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

        var task = (Task)operation.ClientMethod.Invoke(client, arguments)!;
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
    /// The generated argument behind a spec parameter: same name up to case and punctuation, or, for a name the
    /// generator made unique with a numeric suffix (a query <c>project_id</c> beside the path one), without it;
    /// -1 when there is none.
    /// </summary>
    /// <summary>The argument a spec parameter goes to: the one named after it, or after its <c>x-csharp-name</c>.</summary>
    private static int ArgumentPosition(ParameterInfo[] signature, bool[] filled, string specName)
    {
        string wanted = ClientHarness.Normalize(specName);
        for (int position = 0; position < signature.Length; position++)
        {
            if (!filled[position] && ClientHarness.Normalize(signature[position].Name!) == wanted)
            {
                return position;
            }
        }

        return -1;
    }

    /// <summary>A value for a parameter and the wire text(s) it must produce, distinct from every other parameter's.</summary>
    private static (object Value, string[] Texts) ArgumentFor(Type type, SpecDocument spec, JsonObject parameter, int index)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        JsonObject schema = parameter["schema"] is JsonNode node ? spec.Resolve(node) : new JsonObject { ["type"] = "string" };
        string name = (string)parameter["name"]!;
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            // Distinct elements, so a dropped, repeated or reordered element shows in the query.
            Type elementType = target.GetGenericArguments()[0];
            JsonObject items = spec.Resolve(schema["items"]!);
            (object first, string[] firstText) = Scalar(elementType, items, name + "-a", (index * 10) + 1);
            (object second, string[] secondText) = Scalar(elementType, items, name + "-b", (index * 10) + 2);
            var array = Array.CreateInstance(elementType, 2);
            array.SetValue(first, 0);
            array.SetValue(second, 1);
            return (array, new[] { firstText[0], secondText[0] });
        }

        return Scalar(target, schema, name, (index * 10) + 1);
    }

    private static (object, string[]) Scalar(Type type, JsonObject schema, string seed, int number)
    {
        if (type == typeof(string))
        {
            Assert.NotEqual("date-time", (string?)schema["format"]);
            string text = "v-" + seed + " x";
            return (text, new[] { text });
        }

        if (type == typeof(int))
        {
            return (number, new[] { number.ToString(CultureInfo.InvariantCulture) });
        }

        if (type == typeof(long))
        {
            long value = 10_000_000_000L + number;
            return (value, new[] { value.ToString(CultureInfo.InvariantCulture) });
        }

        if (type == typeof(double))
        {
            double value = number + 0.5;
            return (value, new[] { value.ToString(CultureInfo.InvariantCulture) });
        }

        if (type == typeof(bool))
        {
            return (true, new[] { "true" });
        }

        if (type == typeof(DateTimeOffset))
        {
            // Only a spec date-time is a DateTimeOffset; it is given east of UTC and must go out as ISO 8601 UTC.
            Assert.Equal("date-time", (string?)schema["format"]);
            int second = number % 60;
            var value = new DateTimeOffset(2019, 5, 22, 11, 30, second, TimeSpan.FromHours(8));
            return (value, new[] { "2019-05-22T03:30:" + second.ToString("00", CultureInfo.InvariantCulture) + "Z" });
        }

        // A generated string enum: construct it from one of its documented values, a different one per element.
        string[] values = schema["enum"]?.AsArray().Where(v => v is not null).Select(v => v!.ToString()).ToArray() ?? Array.Empty<string>();
        string member = values.Length == 0 ? "x-" + seed : values[(number - 1) % 10 % values.Length];
        return (Activator.CreateInstance(type, member)!, new[] { member });
    }
}
