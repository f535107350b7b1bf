using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.Resilience;
using BmsGen.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BmsGen.Runtime.Tests.Resilience;

/// <summary>Retries, Retry-After, idempotency, timeouts that cover the body, and rate limiting, on a fake clock.</summary>
public sealed class ResilienceTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Transient_statuses_are_retried_with_exponential_backoff()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Status(HttpStatusCode.ServiceUnavailable), Status(HttpStatusCode.BadGateway), Ok("{}"));
        Task call = Get(server, time).SendAsync(Request(HttpMethod.Get), CancellationToken.None);

        await Until(() => server.Calls == 1 && time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Until(() => server.Calls == 2 && time.Delays.Count == 2);
        time.Advance(TimeSpan.FromSeconds(2));
        await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, time.Delays);
        Assert.Equal(new[] { 0, 1, 3 }, server.SecondsAt);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public async Task Only_429_502_503_and_504_are_retried(HttpStatusCode status, bool retried)
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Status(status), Ok("{}"));
        Task call = Get(server, time).SendAsync(Request(HttpMethod.Get), CancellationToken.None);

        if (retried)
        {
            await Until(() => time.Delays.Count == 1);
            time.Advance(time.Delays[0]);
            await call.WaitAsync(TimeSpan.FromSeconds(30));
        }
        else
        {
            BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(status, error.StatusCode);
        }

        Assert.Equal(retried ? 2 : 1, server.Calls);
    }

    [Fact]
    public async Task A_transient_network_failure_is_retried()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, _ => throw new HttpRequestException("Connection reset by peer"), Ok("{}"));
        Task call = Get(server, time).SendAsync(Request(HttpMethod.Get), CancellationToken.None);

        await Until(() => time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task Retry_After_decides_the_delay()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        }, Ok("{}"));
        // A base delay of a minute: only the header can bring the retry forward to 7 seconds.
        Task call = Get(server, time, options => options.BaseDelay = TimeSpan.FromMinutes(1)).SendAsync(Request(HttpMethod.Get), CancellationToken.None);

        await Until(() => time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(7));
        await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, time.Delays);
        Assert.Equal(new[] { 0, 7 }, server.SecondsAt);
    }

    [Fact]
    public async Task A_post_that_creates_is_never_sent_twice()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Status(HttpStatusCode.ServiceUnavailable), Ok("{}"));

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() =>
            Get(server, time).SendAsync(Request(HttpMethod.Post, "CreateBaremetalServers"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, server.Calls);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task A_post_that_times_out_or_breaks_off_is_not_sent_again()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, _ => throw new HttpRequestException("Connection reset by peer"), Ok("{}"));

        BmsGenTransportException error = await Assert.ThrowsAsync<BmsGenTransportException>(() =>
            Get(server, time).SendAsync(Request(HttpMethod.Post, "CreateBaremetalServers"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.False(error.IsTimeout);
        Assert.Empty(time.Delays);
        Assert.Equal(1, server.Calls);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_post_is_retried_when_its_spec_marks_it_idempotent_or_the_caller_opts_in(bool markedIdempotent, bool optedIn)
    {
        var time = new RecordingTime();
        var bodies = new ConcurrentQueue<string>();
        var server = new ScriptedServer(time, Recording(bodies, Status(HttpStatusCode.ServiceUnavailable)), Recording(bodies, Ok("{}")));
        var request = new ApiRequest("BatchStartServers", HttpMethod.Post, "/things") { Idempotent = markedIdempotent ? true : null };
        request.AppendPath("/things");
        request.SetJsonBody("start", static (writer, value) => writer.WriteStringValue(value));
        Task call = Get(server, time, options =>
        {
            if (optedIn)
            {
                options.RetryNonIdempotentOperations.Add("BatchStartServers");
            }
        }).SendAsync(request, CancellationToken.None);

        await Until(() => time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, server.Calls);

        // The pooled body lives until the call ends, so the retry sends it whole; then it goes back.
        Assert.Equal(new[] { "\"start\"", "\"start\"" }, bodies);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task A_stalled_body_times_the_attempt_out_and_the_next_attempt_succeeds()
    {
        var time = new RecordingTime();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ScriptedServer(time,
            _ => TestContent.Response(HttpStatusCode.OK, TestContent.Stalling("{\"name\":\"par"u8.ToArray(), stalled)),
            Ok("{\"name\":\"whole\"}"));
        Task<string> call = Get(server, time).SendAsync(Request(HttpMethod.Get), ReadName, CancellationToken.None);

        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(AttemptTimeout);
        await Until(() => time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("whole", await call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new[] { 0, 21 }, server.SecondsAt);
    }

    [Fact]
    public async Task A_body_that_keeps_stalling_ends_with_a_timeout_exception()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Enumerable.Range(0, 4)
            .Select(_ => (Func<HttpRequestMessage, HttpResponseMessage>)(_ => TestContent.Response(HttpStatusCode.OK, TestContent.Stalling("{"u8.ToArray()))))
            .ToArray());
        Task call = Get(server, time, options => options.MaxRetries = 1).SendAsync(Request(HttpMethod.Get), CancellationToken.None);

        await Until(() => server.Calls == 1);
        time.Advance(AttemptTimeout);
        await Until(() => time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Until(() => server.Calls == 2);
        time.Advance(AttemptTimeout);

        BmsGenTransportException error = await Assert.ThrowsAsync<BmsGenTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task Cancellation_is_honoured_while_waiting_to_retry()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Status(HttpStatusCode.ServiceUnavailable), Ok("{}"));
        using var cancellation = new CancellationTokenSource();
        Task call = Get(server, time, options => options.BaseDelay = TimeSpan.FromHours(1)).SendAsync(Request(HttpMethod.Get), cancellation.Token);

        await Until(() => time.Delays.Count == 1);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task Every_attempt_is_signed_with_its_own_time()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Status(HttpStatusCode.ServiceUnavailable), Ok("{}"));
        var signing = new AkSkSigningHandler(new AkSkCredentials("ak", "sk"), time);
        Task call = Get(server, time, auth: signing).SendAsync(Request(HttpMethod.Get), CancellationToken.None);

        await Until(() => time.Delays.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { "20261130T101500Z", "20261130T101501Z" }, server.Headers(SdkSignature.DateHeader));
        Assert.Equal(2, server.Headers("Authorization").Distinct().Count());
    }

    [Fact]
    public async Task The_rate_limit_holds_requests_over_the_per_minute_limit()
    {
        var time = new RecordingTime();
        var server = new ScriptedServer(time, Ok("{}"), Ok("{}"), Ok("{}"));
        ApiTransport transport = Get(server, time, options => options.RequestsPerMinute = 2);

        Task[] calls = Enumerable.Range(0, 3).Select(_ => transport.SendAsync(Request(HttpMethod.Get), CancellationToken.None)).ToArray();
        await Until(() => server.Calls == 2);
        for (int i = 0; i < 6 && server.Calls < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));

            // Give a released request time to reach the server before the clock moves on: a fixed 20 ms was not
            // always enough on a busy machine, and the call then landed one step late.
            for (int wait = 0; wait < 100 && server.Calls < 3; wait++)
            {
                await Task.Delay(5);
            }
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { 0, 0, 30 }, server.SecondsAt);
    }

    private static readonly Json.JsonValueReader<string> ReadName = static (ref Json.JsonSpanReader reader) =>
    {
        string? name = null;
        Json.JsonRead.ExpectStartObject(ref reader, "Named");
        while (Json.JsonRead.NextProperty(ref reader))
        {
            Json.JsonRead.MoveToValue(ref reader);
            name = Json.JsonRead.String(ref reader);
        }

        return name ?? "(none)";
    };

    private static ApiTransport Get(ScriptedServer server, RecordingTime time, Action<BmsGenResilienceOptions>? configure = null, DelegatingHandler? auth = null)
    {
        var options = new BmsGenResilienceOptions { UseJitter = false, AttemptTimeout = AttemptTimeout };
        configure?.Invoke(options);
        time.Ignored.Add(options.AttemptTimeout);
        time.Ignored.Add(CallTimeout);
        DelegatingHandler resilience = BmsGenResilience.CreateHandler(options, time);
        var buffering = new ResponseBufferingHandler();
        resilience.InnerHandler = buffering;
        if (auth is null)
        {
            buffering.InnerHandler = server;
        }
        else
        {
            buffering.InnerHandler = auth;
            auth.InnerHandler = server;
        }

        return new ApiTransport(new HttpClient(resilience) { BaseAddress = new Uri("https://bms.example.com/") },
            new BmsGenClientOptions { Timeout = CallTimeout, TimeProvider = time });
    }

    private static ApiRequest Request(HttpMethod method, string operationId = "ShowThing")
    {
        var request = new ApiRequest(operationId, method, "/things");
        request.AppendPath("/things");
        return request;
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode status) => _ => new HttpResponseMessage(status);

    /// <summary>Records the request body each attempt carries, then answers as <paramref name="then"/> does.</summary>
    private static Func<HttpRequestMessage, HttpResponseMessage> Recording(ConcurrentQueue<string> bodies, Func<HttpRequestMessage, HttpResponseMessage> then) => request =>
    {
        using var body = new System.IO.MemoryStream();
        request.Content!.CopyTo(body, null, CancellationToken.None);
        bodies.Enqueue(Encoding.UTF8.GetString(body.ToArray()));
        return then(request);
    };

    private static Func<HttpRequestMessage, HttpResponseMessage> Ok(string json) =>
        _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "the pipeline did not get there");
    }

    /// <summary>A fake clock that records the delays asked of it, apart from the known timeouts.</summary>
    private sealed class RecordingTime : FakeTimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _delays = new();

        public RecordingTime()
            : base(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero))
        {
        }

        public HashSet<TimeSpan> Ignored { get; } = new();

        public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan && dueTime != Timeout.InfiniteTimeSpan && !Ignored.Contains(dueTime))
            {
                _delays.Enqueue(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Answers each attempt with the next scripted response and records when it came and its headers.</summary>
    private sealed class ScriptedServer(TimeProvider time, params Func<HttpRequestMessage, HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        private readonly DateTimeOffset _start = time.GetUtcNow();
        private readonly ConcurrentQueue<(int Seconds, HttpRequestMessage Request, Dictionary<string, string> Headers)> _seen = new();
        private int _calls;

        public int Calls => _calls;

        public int[] SecondsAt => _seen.Select(s => s.Seconds).ToArray();

        public string[] Headers(string name) => _seen.Select(s => s.Headers.GetValueOrDefault(name) ?? "").ToArray();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int index = Interlocked.Increment(ref _calls) - 1;
            _seen.Enqueue(((int)(time.GetUtcNow() - _start).TotalSeconds, request,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
            return Task.FromResult(responses[Math.Min(index, responses.Length - 1)](request));
        }
    }
}
