using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;

namespace BmsGen.Client.Tests;

internal static class ClientHarness
{
    public const string ProjectId = "proj-1";
    public static readonly Uri Endpoint = new("https://bms.example.com/");

    /// <summary>Options that resolve generated types through the spec's generated context (collections via the default resolver).</summary>
    public static JsonSerializerOptions Options(SpecDocument spec)
    {
        var context = (IJsonTypeInfoResolver)spec.ContextType.GetProperty("Default")!.GetValue(null)!;
        return new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(context, new DefaultJsonTypeInfoResolver()) };
    }

    public static object CreateClient(SpecDocument spec, MockHttpMessageHandler handler, BmsGenClientOptions? options = null) =>
        Activator.CreateInstance(spec.ClientType, new HttpClient(handler) { BaseAddress = Endpoint }, options ?? new BmsGenClientOptions { ProjectId = ProjectId })!;

    public static string Normalize(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
