using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BmsGen.Benchmarks.Bms;
using BmsGen.Benchmarks.Plain;
using BmsGen.Runtime;

namespace BmsGen.Benchmarks;

/// <summary>The scenario names of the summary.</summary>
public static class Scenarios
{
    public const string ServersDetail1 = "servers-detail-1";
    public const string ServersDetail100 = "servers-detail-100";
    public const string ServersDetail1000 = "servers-detail-1000";
    public const string ServerShow = "bms-server-show";
    public const string FlavorsList = "flavors-list";
    public const string WriteCreateRequest = "write-create-request";
    public const string WriteServersDetail1000 = "write-servers-detail-1000";
    public const string EndToEnd1000 = "e2e-servers-detail-1000";

    /// <summary>The payload a scenario reads (or, for writes, the body whose parsed value it writes).</summary>
    public static byte[] Payload(string scenario) => scenario switch
    {
        ServersDetail1 => Payloads.ServersDetail(1),
        ServersDetail100 => Payloads.ServersDetail(100),
        ServersDetail1000 or WriteServersDetail1000 or EndToEnd1000 => Payloads.ServersDetail(1000),
        ServerShow => Payloads.ServerShow(),
        FlavorsList => Payloads.FlavorsList(),
        WriteCreateRequest => Payloads.CreateRequest(),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };
}

/// <summary>Reading one response body into objects, every implementation on the same bytes.</summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private byte[] _utf8 = Array.Empty<byte>();

    [Params(Scenarios.ServersDetail1, Scenarios.ServersDetail100, Scenarios.ServersDetail1000, Scenarios.ServerShow, Scenarios.FlavorsList)]
    public string Scenario { get; set; } = Scenarios.ServersDetail1;

    [GlobalSetup]
    public void Setup() => _utf8 = Scenarios.Payload(Scenario);

    [Benchmark(Baseline = true), BenchmarkCategory(Impl.Generated)]
    public object Generated() => Scenario switch
    {
        Scenarios.ServerShow => Codecs.GeneratedShow(_utf8),
        Scenarios.FlavorsList => Codecs.GeneratedFlavors(_utf8),
        _ => Codecs.GeneratedServers(_utf8),
    };

    [Benchmark, BenchmarkCategory(Impl.StjSourceGen)]
    public object StjSourceGen() => Scenario switch
    {
        Scenarios.ServerShow => Codecs.SourceGen(_utf8, PlainJsonContext.Default.PlainServerShow),
        Scenarios.FlavorsList => Codecs.SourceGen(_utf8, PlainJsonContext.Default.PlainFlavorList),
        _ => Codecs.SourceGen(_utf8, PlainJsonContext.Default.PlainServerList),
    };

    [Benchmark, BenchmarkCategory(Impl.StjReflection)]
    public object StjReflection() => Scenario switch
    {
        Scenarios.ServerShow => Codecs.Reflection<PlainServerShow>(_utf8),
        Scenarios.FlavorsList => Codecs.Reflection<PlainFlavorList>(_utf8),
        _ => Codecs.Reflection<PlainServerList>(_utf8),
    };

    [Benchmark, BenchmarkCategory(Impl.Newtonsoft)]
    public object Newtonsoft() => Scenario switch
    {
        Scenarios.ServerShow => Codecs.Newtonsoft<PlainServerShow>(_utf8),
        Scenarios.FlavorsList => Codecs.Newtonsoft<PlainFlavorList>(_utf8),
        _ => Codecs.Newtonsoft<PlainServerList>(_utf8),
    };

    [Benchmark, BenchmarkCategory(Impl.ReaderFloor)]
    public long ReaderFloor() => Codecs.ReaderFloor(_utf8);

    /// <summary>Run by the interleaved mode only (<see cref="Impl.SpanReader"/>).</summary>
    public long SpanReader() => Codecs.SpanReader(_utf8);

    /// <summary>Run by the interleaved mode only (<see cref="Impl.SpanReaderStrings"/>).</summary>
    public long SpanReaderStrings() => Codecs.SpanReaderStrings(_utf8);
}

/// <summary>Writing a request or response body to UTF-8 bytes from objects parsed from the same payload.</summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private CreateBaremetalServersRequest _generatedCreate = null!;
    private ListBaremetalServerDetailsResponse _generatedServers = null!;
    private PlainCreateRequest _plainCreate = null!;
    private PlainServerList _plainServers = null!;
    private readonly ApiRequest _request = new("CreateBaremetalServers", HttpMethod.Post, "/v1/{project_id}/baremetalservers");

    [Params(Scenarios.WriteCreateRequest, Scenarios.WriteServersDetail1000)]
    public string Scenario { get; set; } = Scenarios.WriteCreateRequest;

    [GlobalSetup]
    public void Setup()
    {
        byte[] create = Payloads.CreateRequest();
        byte[] servers = Payloads.ServersDetail(1000);
        _generatedCreate = Codecs.GeneratedCreate(create);
        _generatedServers = Codecs.GeneratedServers(servers);
        _plainCreate = Codecs.SourceGen(create, PlainJsonContext.Default.PlainCreateRequest);
        _plainServers = Codecs.PlainServers(servers);
    }

    [GlobalCleanup]
    public void Cleanup() => _request.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(Impl.Generated)]
    public int Generated() => Scenario == Scenarios.WriteCreateRequest
        ? Codecs.WriteGenerated(_request, _generatedCreate, BmsClientJsonCodec.WriteCreateBaremetalServersRequest).Length
        : Codecs.WriteGenerated(_request, _generatedServers, BmsClientJsonCodec.WriteListBaremetalServerDetailsResponse).Length;

    [Benchmark, BenchmarkCategory(Impl.StjSourceGen)]
    public int StjSourceGen() => Scenario == Scenarios.WriteCreateRequest
        ? Codecs.WriteSourceGen(_plainCreate, PlainJsonContext.Default.PlainCreateRequest).Length
        : Codecs.WriteSourceGen(_plainServers, PlainJsonContext.Default.PlainServerList).Length;

    [Benchmark, BenchmarkCategory(Impl.StjReflection)]
    public int StjReflection() => Scenario == Scenarios.WriteCreateRequest
        ? Codecs.WriteReflection(_plainCreate).Length
        : Codecs.WriteReflection(_plainServers).Length;

    [Benchmark, BenchmarkCategory(Impl.Newtonsoft)]
    public int Newtonsoft() => Scenario == Scenarios.WriteCreateRequest
        ? Codecs.WriteNewtonsoft(_plainCreate).Length
        : Codecs.WriteNewtonsoft(_plainServers).Length;
}

/// <summary>
/// A whole list call: the request goes through an <see cref="HttpMessageHandler"/> that serves the page's bytes,
/// and the body is read into objects — the generated client against HttpClient with each serializer.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private const string Path = "v1/0605767f5f00d5762fb3c00c0c6b2c52/baremetalservers/detail";
    private HttpClient _http = null!;
    private BmsClient _client = null!;

    [Params(Scenarios.EndToEnd1000)]
    public string Scenario { get; set; } = Scenarios.EndToEnd1000;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new PayloadHandler(Scenarios.Payload(Scenario))) { BaseAddress = new Uri("https://bms.cn-north-4.myhuaweicloud.com/") };
        _client = new BmsClient(_http, new BmsGenClientOptions { ProjectId = "0605767f5f00d5762fb3c00c0c6b2c52" });
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(Impl.Generated)]
    public async Task<int> Generated() => (await _client.ListBaremetalServerDetailsAsync().ConfigureAwait(false)).Servers!.Count;

    [Benchmark, BenchmarkCategory(Impl.StjSourceGen)]
    public async Task<int> StjSourceGen() => (await _http.GetFromJsonAsync(Path, PlainJsonContext.Default.PlainServerList).ConfigureAwait(false))!.Servers!.Count;

    [Benchmark, BenchmarkCategory(Impl.StjReflection)]
    public async Task<int> StjReflection() => (await _http.GetFromJsonAsync<PlainServerList>(Path, Codecs.ReflectionOptions).ConfigureAwait(false))!.Servers!.Count;

    [Benchmark, BenchmarkCategory(Impl.Newtonsoft)]
    public async Task<int> Newtonsoft()
    {
        string body = await _http.GetStringAsync(Path).ConfigureAwait(false);
        return global::Newtonsoft.Json.JsonConvert.DeserializeObject<PlainServerList>(body, Codecs.NewtonsoftSettings)!.Servers!.Count;
    }

    /// <summary>Serves the same bytes to every request, as a server on loopback would, without the socket.</summary>
    public sealed class PayloadHandler(byte[] body) : HttpMessageHandler
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
