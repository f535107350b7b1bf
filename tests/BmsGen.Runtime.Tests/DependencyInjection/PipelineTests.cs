using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.DependencyInjection;
using BmsGen.Runtime.Diagnostics;
using BmsGen.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace BmsGen.Runtime.Tests.DependencyInjection;

public interface IThingClient
{
    Task<string> ShowThingAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>A client shaped like the generated ones: an <c>(HttpClient, BmsGenClientOptions)</c> constructor over <see cref="ApiTransport"/>.</summary>
public sealed class ThingClient(HttpClient httpClient, BmsGenClientOptions? options = null) : IThingClient
{
    private readonly ApiTransport _transport = new(httpClient, options ?? new BmsGenClientOptions());

    public BmsGenClientOptions Options => _transport.Options;

    public Task<string> ShowThingAsync(string id, CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("ShowThing", HttpMethod.Get, "/v1/{project_id}/things/{thing_id}");
        request.AppendPath("/v1/");
        request.AppendPathParameter("project_id", _transport.ProjectId);
        request.AppendPath("/things/");
        request.AppendPathParameter("thing_id", id);
        return _transport.SendAsync(request, static (ref Json.JsonSpanReader reader) => Json.JsonRead.Element(ref reader)!.Value.GetRawText(), cancellationToken);
    }

    public Task CreateThingAsync(string password, CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("CreateThing", HttpMethod.Post, "/v1/{project_id}/things");
        request.AppendPath("/v1/");
        request.AppendPathParameter("project_id", _transport.ProjectId);
        request.AppendPath("/things");
        request.SetJsonBody(password, static (writer, value) =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", "thing-1");
            writer.WriteString("adminPass", value);
            writer.WriteEndObject();
        });
        return _transport.SendAsync(request, cancellationToken);
    }
}

public sealed class PipelineTests
{
    private const string SecretKey = "SK-very-secret-0001";
    private const string SecurityToken = "ST-very-secret-0001";
    private const string Password = "AdminPass-secret-0001";

    private static IConfiguration Configuration(Dictionary<string, string?> extra) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BmsGen:Region"] = "cn-north-4",
            ["BmsGen:Credentials:AccessKey"] = "AK-0001",
            ["BmsGen:Credentials:SecretKey"] = SecretKey,
            ["BmsGen:Credentials:SecurityToken"] = SecurityToken,
            ["BmsGen:Credentials:ProjectId"] = "proj-1",
            ["BmsGen:Resilience:BaseDelay"] = "00:00:00",
        }.Concat(extra).ToDictionary(pair => pair.Key, pair => pair.Value)).Build();

    [Fact]
    public async Task A_registered_client_calls_the_region_endpoint_signed_with_the_configured_project()
    {
        var server = new Recorder(Ok);
        var services = new ServiceCollection();
        services.AddBmsGenClient<ThingClient>(Configuration(new()).GetSection("BmsGen")).ConfigurePrimaryHttpMessageHandler(() => server);
        using ServiceProvider provider = services.BuildServiceProvider();

        string body = await provider.GetRequiredService<ThingClient>().ShowThingAsync("t-1");

        Assert.Equal("{\"id\":\"t-1\"}", body);
        HttpRequestMessage request = server.Requests.Single();
        Assert.Equal("https://bms.cn-north-4.myhuaweicloud.com/v1/proj-1/things/t-1", request.RequestUri!.AbsoluteUri);
        Assert.Equal("proj-1", request.Headers.GetValues("X-Project-Id").Single());
        Assert.Equal(SecurityToken, request.Headers.GetValues("X-Security-Token").Single());
        Assert.True(SdkSignature.TryParseAuthorization(request.Headers.GetValues("Authorization").Single(), out SdkAuthorization authorization));
        Assert.Equal("AK-0001", authorization.AccessKey);
        Assert.Contains("x-project-id", authorization.SignedHeaders);
    }

    [Fact]
    public async Task Without_configured_credentials_a_registered_client_signs_with_the_HUAWEICLOUD_SDK_variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["HUAWEICLOUD_SDK_AK"] = "AK-FROM-ENV",
            ["HUAWEICLOUD_SDK_SK"] = "sk-from-env",
            ["HUAWEICLOUD_SDK_PROJECT_ID"] = "proj-env",
        };
        var server = new Recorder(Ok, Ok);
        async Task CallAsync(Action<BmsGenConnectionOptions> configure, string id)
        {
            var services = new ServiceCollection();
            services.AddBmsGenClient<ThingClient>(o =>
            {
                o.Region = "cn-north-4";
                o.EnvironmentVariables = name => variables.GetValueOrDefault(name);
                configure(o);
            }).ConfigurePrimaryHttpMessageHandler(() => server);
            using ServiceProvider provider = services.BuildServiceProvider();
            await provider.GetRequiredService<ThingClient>().ShowThingAsync(id);
        }

        await CallAsync(_ => { }, "t-1");
        await CallAsync(o =>
        {
            o.Credentials.AccessKey = "AK-CONFIGURED";
            o.Credentials.SecretKey = "sk-configured";
            o.Credentials.ProjectId = "proj-configured";
        }, "t-2");

        HttpRequestMessage fromEnvironment = server.Requests[0];
        Assert.Equal("https://bms.cn-north-4.myhuaweicloud.com/v1/proj-env/things/t-1", fromEnvironment.RequestUri!.AbsoluteUri);
        Assert.Equal("proj-env", fromEnvironment.Headers.GetValues("X-Project-Id").Single());
        Assert.True(SdkSignature.TryParseAuthorization(fromEnvironment.Headers.GetValues("Authorization").Single(), out SdkAuthorization signed));
        Assert.Equal("AK-FROM-ENV", signed.AccessKey);
        Assert.True(SdkSignature.TryParseAuthorization(server.Requests[1].Headers.GetValues("Authorization").Single(), out SdkAuthorization configured));
        Assert.Equal("AK-CONFIGURED", configured.AccessKey);
    }

    [Fact]
    public async Task A_client_registered_under_its_interface_resolves_and_retries_a_transient_failure()
    {
        var server = new Recorder(Status(HttpStatusCode.ServiceUnavailable), Ok);
        var services = new ServiceCollection();
        services.AddBmsGenClient<IThingClient, ThingClient>(Configuration(new()).GetSection("BmsGen"), options => options.Resilience.UseJitter = false)
            .ConfigurePrimaryHttpMessageHandler(() => server);
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IThingClient>().ShowThingAsync("t-1");

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, request => Assert.StartsWith("SDK-HMAC-SHA256 ", request.Headers.GetValues("Authorization").Single()));
    }

    [Fact]
    public async Task A_handler_added_by_the_caller_runs_after_authentication()
    {
        var server = new Recorder(Ok);
        string? seenAuthorization = null;
        var services = new ServiceCollection();
        services.AddBmsGenClient<ThingClient>(Configuration(new()).GetSection("BmsGen"))
            .AddHttpMessageHandler(() => new Inspecting(request => seenAuthorization = request.Headers.GetValues("Authorization").Single()))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ThingClient>().ShowThingAsync("t-1");

        Assert.StartsWith("SDK-HMAC-SHA256 Access=AK-0001", seenAuthorization);
    }

    [Fact]
    public async Task Iam_password_credentials_request_one_token_for_all_clients_of_a_registration()
    {
        int tokenRequests = 0;
        var iam = new Recorder(_ =>
        {
            Interlocked.Increment(ref tokenRequests);
            var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{\"token\":{\"expires_at\":\"2099-01-01T00:00:00.000000Z\"}}") };
            response.Headers.Add("X-Subject-Token", "token-" + tokenRequests);
            return response;
        });
        var server = new Recorder(Ok);
        var services = new ServiceCollection();
        services.AddBmsGenClient<ThingClient>(options =>
        {
            options.Region = "cn-north-4";
            options.Credentials.UserName = "alice";
            options.Credentials.Password = Password;
            options.Credentials.DomainName = "acme";
            options.Credentials.ProjectId = "proj-1";
        }).ConfigurePrimaryHttpMessageHandler(() => server).SetHandlerLifetime(TimeSpan.FromSeconds(1));
        services.AddHttpClient(BmsGenServiceCollectionExtensions.IamHttpClientName).ConfigurePrimaryHttpMessageHandler(() => iam);
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ThingClient>().ShowThingAsync("a");
        // Past the handler lifetime, the factory builds new handlers; the token stays.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await provider.GetRequiredService<ThingClient>().ShowThingAsync("b");

        Assert.Equal(1, tokenRequests);
        Assert.Equal("https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens", iam.Requests.Single().RequestUri!.AbsoluteUri);
        Assert.All(server.Requests, request => Assert.Equal("token-1", request.Headers.GetValues("X-Auth-Token").Single()));
    }

    [Fact]
    public async Task The_pipeline_without_a_container_signs_retries_and_sends_to_the_endpoint()
    {
        var server = new Recorder(Status(HttpStatusCode.GatewayTimeout), Ok);
        var options = new BmsGenConnectionOptions { Endpoint = new Uri("https://bms.example.com/") };
        options.Credentials.ReadEnvironment(name => name switch
        {
            "HUAWEICLOUD_SDK_AK" => "AK-env",
            "HUAWEICLOUD_SDK_SK" => SecretKey,
            "HUAWEICLOUD_SDK_PROJECT_ID" => "proj-env",
            _ => null,
        });
        options.Resilience.BaseDelay = TimeSpan.Zero;

        ThingClient client = BmsGenPipeline.CreateClient(options, (http, clientOptions) => new ThingClient(http, clientOptions), primaryHandler: server);
        await client.ShowThingAsync("t-1");

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("https://bms.example.com/v1/proj-env/things/t-1", server.Requests[1].RequestUri!.AbsoluteUri);
        Assert.StartsWith("SDK-HMAC-SHA256 Access=AK-env", server.Requests[1].Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void Without_a_region_or_endpoint_the_error_says_what_to_set()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => BmsGenPipeline.CreateHttpClient(new BmsGenConnectionOptions()));

        Assert.Contains("Region", error.Message);
    }

    [Fact]
    public void A_bad_configuration_value_names_its_key()
    {
        IConfiguration configuration = Configuration(new() { ["BmsGen:Resilience:AttemptTimeout"] = "soon" });

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => new BmsGenConnectionOptions().Read(configuration.GetSection("BmsGen")));

        Assert.Contains("BmsGen:Resilience:AttemptTimeout", error.Message);
    }

    [Fact]
    public void Configuration_sets_endpoints_per_service_and_the_ims_endpoint_reaches_the_client()
    {
        BmsGenConnectionOptions options = new BmsGenConnectionOptions().Read(Configuration(new()
        {
            ["BmsGen:Service"] = "ecs",
            ["BmsGen:ServiceEndpoints:ims"] = "https://ims.internal.example/",
            ["BmsGen:NovaMicroversion"] = "2.60",
            ["BmsGen:Timeout"] = "00:00:45",
        }).GetSection("BmsGen"));

        Assert.Equal(new Uri("https://ecs.cn-north-4.myhuaweicloud.com/"), options.RequireEndpoint());
        Assert.Equal(new Uri("https://iam.cn-north-4.myhuaweicloud.com/"), options.EndpointFor("iam"));
        BmsGenClientOptions client = options.CreateClientOptions();
        Assert.Equal(new Uri("https://ims.internal.example/"), client.ServiceEndpoints["ims"]);
        Assert.Equal("proj-1", client.ProjectId);
        Assert.Equal("2.60", client.NovaMicroversion);
        Assert.Equal(TimeSpan.FromSeconds(45), client.Timeout);
        Assert.DoesNotContain(SecretKey, options.ToString());
        Assert.DoesNotContain(SecurityToken, options.ToString());
    }

    [Fact]
    public async Task Each_call_is_logged_traced_and_measured_without_secrets()
    {
        var logs = new CapturingLoggerProvider();
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BmsGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "BmsGen" && instrument.Name == BmsGenDiagnostics.RequestDurationInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            if (copy.GetValueOrDefault("bmsgen.operation") is "ShowThing" or "CreateThing")
            {
                measurements.Enqueue((value, copy));
            }
        });
        meterListener.Start();

        var server = new Recorder(request =>
        {
            HttpResponseMessage response = Ok(request);
            response.Headers.Add("X-Request-Id", "req-42");
            return response;
        });
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddBmsGenClient<ThingClient>(Configuration(new()).GetSection("BmsGen")).ConfigurePrimaryHttpMessageHandler(() => server);
        using ServiceProvider provider = services.BuildServiceProvider();
        ThingClient client = provider.GetRequiredService<ThingClient>();

        await client.ShowThingAsync("t-1");
        await client.CreateThingAsync(Password);

        string completed = logs.Messages.First(message => message.Contains("ShowThing GET", StringComparison.Ordinal));
        Assert.Equal("ShowThing GET /v1/{project_id}/things/{thing_id} answered 200 in " + completed.Split(" in ")[1], completed);
        Assert.Contains("(request id req-42)", completed);
        string requestBody = logs.Messages.Single(message => message.StartsWith("CreateThing request body", StringComparison.Ordinal));
        Assert.Contains("\"name\":\"thing-1\"", requestBody);
        Assert.Contains("\"adminPass\":\"***\"", requestBody);

        Activity span = activities.First(activity => activity.OperationName == "ShowThing");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("/v1/{project_id}/things/{thing_id}", span.GetTagItem("url.template"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("req-42", span.GetTagItem("bmsgen.request_id"));

        meterListener.RecordObservableInstruments();
        Assert.Contains(measurements, m => m.Tags["bmsgen.operation"] as string == "ShowThing" && (int)m.Tags["http.response.status_code"]! == 200 && m.Value >= 0);
        Assert.Contains(measurements, m => m.Tags["bmsgen.operation"] as string == "CreateThing");

        string everything = string.Join("\n", logs.Messages) + "\n" + string.Join("\n", activities.SelectMany(a => a.TagObjects.Select(t => t.Key + "=" + t.Value)));
        foreach (string secret in new[] { SecretKey, SecurityToken, Password, "Signature=" })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public void Redaction_hides_secret_values_at_any_depth_and_keeps_the_rest()
    {
        string redacted = BmsGenDiagnosticsHandler.Redact(Encoding.UTF8.GetBytes(
            "{\"server\":{\"name\":\"a\",\"adminPass\":\"p1\",\"user_data\":\"IyEvYmluL2Jhc2g=\",\"metadata\":{\"agency_token\":{\"x\":1}},\"count\":2,\"ok\":true,\"n\":null}," +
            "\"auth\":{\"password\":{\"user\":{\"password\":\"p2\"}}}}"));

        Assert.Equal("{\"server\":{\"name\":\"a\",\"adminPass\":\"***\",\"user_data\":\"***\",\"metadata\":{\"agency_token\":\"***\"},\"count\":2,\"ok\":true,\"n\":null}," +
            "\"auth\":{\"password\":\"***\"}}", redacted);
        Assert.Equal("(5 bytes, not JSON)", BmsGenDiagnosticsHandler.Redact("p=abc"u8));
    }

    private static HttpResponseMessage Ok(HttpRequestMessage request) =>
        new(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"t-1\"}", Encoding.UTF8, "application/json") };

    private static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode status) => _ => new HttpResponseMessage(status);

    private sealed class Recorder(params Func<HttpRequestMessage, HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A copy of the headers as they were on the wire for this attempt.
            var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            lock (Requests)
            {
                Requests.Add(copy);
                return Task.FromResult(responses[Math.Min(Requests.Count - 1, responses.Length - 1)](request));
            }
        }
    }

    private sealed class Inspecting(Action<HttpRequestMessage> inspect) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            inspect(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public IEnumerable<string> Messages => Entries;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue(formatter(state, exception));
        }
    }
}
