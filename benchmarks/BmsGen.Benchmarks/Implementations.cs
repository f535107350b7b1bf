using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BmsGen.Benchmarks.Bms;
using BmsGen.Benchmarks.Ecs;
using BmsGen.Benchmarks.Plain;
using BmsGen.Runtime;

namespace BmsGen.Benchmarks;

/// <summary>The implementations compared, as the summary names them.</summary>
public static class Impl
{
    public const string Generated = "generated";
    public const string StjSourceGen = "stj-sourcegen";
    public const string StjReflection = "stj-reflection";
    public const string Newtonsoft = "newtonsoft";
    public const string ReaderFloor = "reader-floor";

    /// <summary>
    /// Not one of the compared implementations: a pass of the generated readers' own reader (JsonSpanReader) that, as
    /// the floor does with Utf8JsonReader, touches every token's bytes and decodes nothing. Only the interleaved mode
    /// runs it.
    /// </summary>
    public const string SpanReader = "span-reader";

    /// <summary>
    /// Not one of the compared implementations: a pass of the generated readers' own reader (JsonSpanReader) over every
    /// token, with every string value turned into a .NET string through their string table, which shows what the
    /// tokens and strings alone cost them. Only the interleaved mode runs it.
    /// </summary>
    public const string SpanReaderStrings = "span-reader-strings";

    public static readonly string[] All = { Generated, StjSourceGen, StjReflection, Newtonsoft, ReaderFloor };
}

/// <summary>Each implementation's read and write of the benchmark payloads, shared by the benchmarks and their tests.</summary>
public static class Codecs
{
    /// <summary>System.Text.Json's reflection path, configured like the source-generated context.</summary>
    public static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Newtonsoft.Json as Huawei's official SDK uses it: the body as a string first, nulls left out on write.</summary>
    public static readonly global::Newtonsoft.Json.JsonSerializerSettings NewtonsoftSettings = new()
    {
        NullValueHandling = global::Newtonsoft.Json.NullValueHandling.Ignore,
    };

    /// <summary>Reads a whole body with a generated reader, as the client's transport does.</summary>
    public static T ReadGenerated<T>(ReadOnlySpan<byte> utf8, Runtime.Json.JsonValueReader<T> read)
    {
        var reader = new Runtime.Json.JsonSpanReader(utf8);
        Runtime.Json.JsonRead.BeginDocument();
        reader.Read();
        return read(ref reader) ?? throw new JsonException("null body");
    }

    public static ListBaremetalServerDetailsResponse GeneratedServers(byte[] utf8) =>
        ReadGenerated(utf8, BmsClientJsonCodec.ReadListBaremetalServerDetailsResponse);

    public static ShowBaremetalServerResponse GeneratedShow(byte[] utf8) =>
        ReadGenerated(utf8, BmsClientJsonCodec.ReadShowBaremetalServerResponse);

    public static ListFlavorsResponse GeneratedFlavors(byte[] utf8) =>
        ReadGenerated(utf8, EcsClientJsonCodec.ReadListFlavorsResponse);

    public static CreateBaremetalServersRequest GeneratedCreate(byte[] utf8) =>
        ReadGenerated(utf8, BmsClientJsonCodec.ReadCreateBaremetalServersRequest);

    public static T SourceGen<T>(byte[] utf8, JsonTypeInfo<T> info) => JsonSerializer.Deserialize(utf8, info)!;

    public static T Reflection<T>(byte[] utf8) => JsonSerializer.Deserialize<T>(utf8, ReflectionOptions)!;

    public static T Newtonsoft<T>(byte[] utf8) =>
        global::Newtonsoft.Json.JsonConvert.DeserializeObject<T>(Encoding.UTF8.GetString(utf8), NewtonsoftSettings)!;

    /// <summary>The floor: one Utf8JsonReader pass that touches every token's bytes and decodes nothing.</summary>
    public static long ReaderFloor(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        long touched = 0;
        while (reader.Read())
        {
            touched += (int)reader.TokenType + reader.ValueSpan.Length;
        }

        return touched;
    }

    /// <summary>The floor's pass with the generated readers' reader (<see cref="Impl.SpanReader"/>).</summary>
    public static long SpanReader(byte[] utf8)
    {
        var reader = new Runtime.Json.JsonSpanReader(utf8);
        long touched = 0;
        while (reader.Read())
        {
            touched += (int)reader.TokenType + reader.ValueSpan.Length;
        }

        return touched;
    }

    /// <summary>Every token read, and every string value decoded, as the generated readers do it (<see cref="Impl.SpanReaderStrings"/>).</summary>
    public static long SpanReaderStrings(byte[] utf8)
    {
        var reader = new Runtime.Json.JsonSpanReader(utf8);
        Runtime.Json.JsonRead.BeginDocument();
        Runtime.Json.JsonStringTable strings = Runtime.Json.JsonRead.Strings();
        long touched = 0;
        while (reader.Read())
        {
            touched += reader.TokenType == JsonTokenType.String
                ? Runtime.Json.JsonRead.String(ref reader, strings)!.Length
                : (int)reader.TokenType + reader.ValueSpan.Length;
        }

        return touched;
    }

    /// <summary>A copy of the body the client's request path (<see cref="ApiRequest.SetJsonBody"/>) writes, for comparing bytes.</summary>
    public static byte[] WriteGeneratedBytes<T>(T value, Runtime.Json.JsonValueWriter<T> write)
    {
        using var request = new ApiRequest("Benchmark", System.Net.Http.HttpMethod.Post, "/v1/{project_id}/baremetalservers");
        return WriteGenerated(request, value, write).ToArray();
    }

    /// <summary>
    /// Writes the body of <paramref name="request"/> (built beforehand, as the path and query are not the body). The
    /// body stays in its pooled array, as it does on the way to the wire; the next body written into the same request
    /// returns that array to the pool.
    /// </summary>
    public static ReadOnlyMemory<byte> WriteGenerated<T>(ApiRequest request, T value, Runtime.Json.JsonValueWriter<T> write)
    {
        request.SetJsonBody(value, write);
        return request.Body!.Value;
    }

    public static byte[] WriteSourceGen<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(value, info);

    public static byte[] WriteReflection<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ReflectionOptions);

    /// <summary>Newtonsoft.Json's write as the official SDK does it: a string, then its UTF-8 bytes.</summary>
    public static byte[] WriteNewtonsoft<T>(T value) =>
        Encoding.UTF8.GetBytes(global::Newtonsoft.Json.JsonConvert.SerializeObject(value, NewtonsoftSettings));

    public static PlainServerList PlainServers(byte[] utf8) => SourceGen(utf8, PlainJsonContext.Default.PlainServerList);
}
