using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Json;
using BmsGen.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BmsGen.Runtime.Tests;

/// <summary>Whatever the server sends, only the documented exception types reach the caller, with status and operation.</summary>
public sealed class HostileResponseTests
{
    private static readonly JsonValueReader<string> ReadName = static (ref JsonSpanReader reader) => TestReaders.Name(ref reader) ?? "(none)";

    public static TheoryData<byte[]> InvalidStrings => new()
    {
        Concat("{\"name\":\"a", new byte[] { 0xFF }, "b\"}"),
        Concat("{\"name\":\"", new byte[] { 0xC3 }, "\"}"),
        Concat("{\"name\":\"", new byte[] { 0xED, 0xA0, 0x80 }, "\"}"),
        Encoding.ASCII.GetBytes("{\"name\":\"\\uD800\"}"),
        Encoding.ASCII.GetBytes("{\"name\":\"x\\uDC00y\"}"),
    };

    [Theory]
    [MemberData(nameof(InvalidStrings))]
    public async Task Invalid_utf8_or_a_lone_surrogate_in_a_string_is_a_response_exception(byte[] body)
    {
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.OK, new ByteArrayContent(body)));

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Send(handler));

        Assert.Equal("ShowThing", error.OperationId);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(InvalidStrings))]
    public async Task The_same_bytes_in_an_error_body_keep_the_status_and_request_id(byte[] body)
    {
        byte[] errorBody = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(body).Replace("name", "error_msg"));
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.Conflict, new ByteArrayContent(body.Length > 0 ? errorBody : body), "req-9"));

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("req-9", error.RequestId);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_json_is_accepted()
    {
        byte[] body = Concat("", new byte[] { 0xEF, 0xBB, 0xBF }, "{\"name\":\"bom\"}");
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.OK, new ByteArrayContent(body)));

        Assert.Equal("bom", await Send(handler));
    }

    [Fact]
    public async Task A_byte_order_mark_before_an_error_body_keeps_its_code()
    {
        byte[] body = Concat("", new byte[] { 0xEF, 0xBB, 0xBF }, "{\"error_code\":\"BMS.0001\",\"error_msg\":\"bad\"}");
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.BadRequest, new ByteArrayContent(body)));

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler));

        Assert.Equal("BMS.0001", error.ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_response_limit_below_one_byte_is_refused_when_set(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BmsGenClientOptions { MaxResponseBytes = limit });
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(100, true)]
    [InlineData(1000, false)]
    [InlineData(1000, true)]
    [InlineData(5000, false)]
    public async Task A_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(int limit, bool declareLength)
    {
        string Body(int size) => "{\"name\":\"" + new string('x', size - 11) + "\"}";

        Assert.Equal(limit - 11, (await Send(Responding(Body(limit), declareLength), limit)).Length);

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Send(Responding(Body(limit + 1), declareLength), limit));
        Assert.Contains($"{limit}-byte limit", error.Message);

        LambdaHandler Responding(string body, bool sized) => new(_ => TestContent.Response(HttpStatusCode.OK,
            sized ? new ByteArrayContent(Encoding.UTF8.GetBytes(body)) : TestContent.Unsized(Encoding.UTF8.GetBytes(body))));
    }

    [Fact]
    public async Task An_error_body_over_the_limit_keeps_the_status_and_request_id()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"error_msg\":\"" + new string('x', 500) + "\"}");
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.InternalServerError, TestContent.Unsized(body), "req-1"));

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler, maxResponseBytes: 100));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("req-1", error.RequestId);
        Assert.IsType<BmsGenResponseException>(error.InnerException);
    }

    [Fact]
    public async Task A_connection_broken_in_a_success_body_is_a_transport_exception_with_status_and_operation()
    {
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.OK, TestContent.Broken("{\"name\":\"cut"u8.ToArray())));

        BmsGenTransportException error = await Assert.ThrowsAsync<BmsGenTransportException>(() => Send(handler));

        Assert.Equal("ShowThing", error.OperationId);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.False(error.IsTimeout);
    }

    [Fact]
    public async Task A_connection_broken_in_an_error_body_keeps_the_status()
    {
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.InternalServerError, TestContent.Broken("{\"error_co"u8.ToArray()), "req-2"));

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("req-2", error.RequestId);
    }

    [Fact]
    public async Task A_failed_connection_is_a_transport_exception_without_status()
    {
        var handler = new LambdaHandler((_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (bms.example.com:443)")));

        BmsGenTransportException error = await Assert.ThrowsAsync<BmsGenTransportException>(() => Send(handler));

        Assert.Null(error.StatusCode);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_ends_at_the_timeout()
    {
        var time = new FakeTimeProvider();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.OK, TestContent.Stalling("{\"name\":"u8.ToArray(), stalled)));
        var options = new BmsGenClientOptions { Timeout = TimeSpan.FromSeconds(30), TimeProvider = time };
        Task<string> call = Send(handler, options: options);

        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        BmsGenTransportException error = await Assert.ThrowsAsync<BmsGenTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(error.IsTimeout);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_stalled_body_read_is_the_callers_cancellation()
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new LambdaHandler(_ => TestContent.Response(HttpStatusCode.OK, TestContent.Stalling("{"u8.ToArray(), stalled)));
        using var cancellation = new CancellationTokenSource();
        Task<string> call = Send(handler, cancellationToken: cancellation.Token);

        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static byte[] Concat(string before, byte[] middle, string after) =>
        Encoding.ASCII.GetBytes(before).Concat(middle).Concat(Encoding.ASCII.GetBytes(after)).ToArray();

    private static Task<string> Send(HttpMessageHandler handler, int maxResponseBytes = 1 << 20, BmsGenClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BmsGenClientOptions { MaxResponseBytes = maxResponseBytes };
        var transport = new ApiTransport(new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") }, options);
        var request = new ApiRequest("ShowThing", HttpMethod.Get, "/things");
        request.AppendPath("/things");
        return transport.SendAsync(request, ReadName, cancellationToken);
    }
}
