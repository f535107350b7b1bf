using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Json;

namespace BmsGen.Runtime;

/// <summary>
/// Sends generated requests through an <see cref="HttpClient"/> (whose handlers are the send pipeline), maps
/// non-success responses to <see cref="BmsGenApiException"/> and reads success bodies with generated readers.
/// Each call takes its <see cref="ApiRequest"/> and disposes it once the response is done with, which returns the
/// request's pooled body; sending a request a second time throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class ApiTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private static readonly string[] RequestIdHeaders = { "X-Request-Id", "X-Openstack-Request-Id", "X-Compute-Request-Id" };

    private readonly HttpClient _httpClient;

    public ApiTransport(HttpClient httpClient, BmsGenClientOptions options)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public BmsGenClientOptions Options { get; }

    /// <summary>The project ID for <c>{project_id}</c>; throws when the options do not set one.</summary>
    public string ProjectId => Options.ProjectId is { Length: > 0 } projectId
        ? projectId
        : throw new InvalidOperationException("BmsGenClientOptions.ProjectId is not set; every path with {project_id} needs it.");

    /// <summary>Sends a request whose success response has no body the caller needs.</summary>
    /// <exception cref="BmsGenApiException">The service answered with a non-success status.</exception>
    /// <exception cref="BmsGenTransportException">The request could not be sent or its response not received in time.</exception>
    public async Task SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using ResponseBody body = await ExchangeAsync(request, readSuccessBody: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request and reads its success body with <paramref name="read"/>.</summary>
    /// <exception cref="BmsGenApiException">The service answered with a non-success status.</exception>
    /// <exception cref="BmsGenResponseException">The success body is not the JSON the operation returns.</exception>
    /// <exception cref="BmsGenTransportException">The request could not be sent or its response not received in time.</exception>
    public async Task<T> SendAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
    {
        using ResponseBody body = await ExchangeAsync(request, readSuccessBody: true, cancellationToken).ConfigureAwait(false);
        return Parse(request, body.Status, body.Span, read);
    }

    /// <summary>
    /// Sends a request whose success response may come without a body (the spec declares a 2xx with no content
    /// beside one with JSON): an empty body gives null; a non-empty one is read with <paramref name="read"/>.
    /// </summary>
    /// <exception cref="BmsGenApiException">The service answered with a non-success status.</exception>
    /// <exception cref="BmsGenResponseException">The success body is not the JSON the operation returns.</exception>
    /// <exception cref="BmsGenTransportException">The request could not be sent or its response not received in time.</exception>
    public async Task<T?> SendAllowingEmptyAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
        where T : class
    {
        using ResponseBody body = await ExchangeAsync(request, readSuccessBody: true, cancellationToken).ConfigureAwait(false);
        return IsBlank(body.Span) ? null : Parse(request, body.Status, body.Span, read);
    }

    /// <summary>Sends a request whose success response has no body the caller needs, and returns its status and headers.</summary>
    /// <exception cref="BmsGenApiException">The service answered with a non-success status.</exception>
    /// <exception cref="BmsGenTransportException">The request could not be sent or its response not received in time.</exception>
    public async Task<ApiResponse> SendWithResponseAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using ResponseBody body = await ExchangeAsync(request, readSuccessBody: false, cancellationToken).ConfigureAwait(false);
        return new ApiResponse(request.OperationId, body.Status, body.Headers, body.ContentHeaders, body.RequestId);
    }

    /// <summary>Like <see cref="SendAsync{T}"/>, and returns the status code, headers and request ID with the value.</summary>
    /// <exception cref="BmsGenApiException">The service answered with a non-success status.</exception>
    /// <exception cref="BmsGenResponseException">The success body is not the JSON the operation returns.</exception>
    /// <exception cref="BmsGenTransportException">The request could not be sent or its response not received in time.</exception>
    public async Task<ApiResponse<T>> SendWithResponseAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
    {
        using ResponseBody body = await ExchangeAsync(request, readSuccessBody: true, cancellationToken).ConfigureAwait(false);
        T value = Parse(request, body.Status, body.Span, read);
        return new ApiResponse<T>(request.OperationId, body.Status, body.Headers, body.ContentHeaders, body.RequestId, value);
    }

    /// <summary>Like <see cref="SendAllowingEmptyAsync{T}"/>, and returns the status code, headers and request ID with the value.</summary>
    /// <exception cref="BmsGenApiException">The service answered with a non-success status.</exception>
    /// <exception cref="BmsGenResponseException">The success body is not the JSON the operation returns.</exception>
    /// <exception cref="BmsGenTransportException">The request could not be sent or its response not received in time.</exception>
    public async Task<ApiResponse<T?>> SendAllowingEmptyWithResponseAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
        where T : class
    {
        using ResponseBody body = await ExchangeAsync(request, readSuccessBody: true, cancellationToken).ConfigureAwait(false);
        T? value = IsBlank(body.Span) ? null : Parse(request, body.Status, body.Span, read);
        return new ApiResponse<T?>(request.OperationId, body.Status, body.Headers, body.ContentHeaders, body.RequestId, value);
    }

    /// <summary>
    /// Sends a request and returns its success response unread, for a caller that reads the body as a stream (and
    /// disposes the response, then the request); a non-success status throws as for every other call. The caller's
    /// token bounds the streamed read, since it outlives this call.
    /// </summary>
    internal async Task<HttpResponseMessage> SendCheckedAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw TransportFailure(request, null, ex, "no response in time (HttpClient.Timeout or a resilience timeout)");
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                await ThrowApiExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <summary>
    /// Sends the request and reads the whole response within <see cref="BmsGenClientOptions.Timeout"/>; maps a
    /// non-success status to <see cref="BmsGenApiException"/> and failures of the connection or the clock to
    /// <see cref="BmsGenTransportException"/>. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<ResponseBody> ExchangeAsync(ApiRequest request, bool readSuccessBody, CancellationToken cancellationToken)
    {
        TimeSpan timeout = Options.Timeout;
        using CancellationTokenSource? timer = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, Options.TimeProvider);
        // A caller's token that can never be cancelled (the default) needs no link: the timer's token is the deadline.
        using CancellationTokenSource? deadline = timer is null || !cancellationToken.CanBeCanceled ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        CancellationToken token = deadline?.Token ?? timer?.Token ?? cancellationToken;
        HttpStatusCode? status = null;
        try
        {
            using HttpResponseMessage response = await SendCoreAsync(request, token).ConfigureAwait(false);
            status = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                await ThrowApiExceptionAsync(request, response, token).ConfigureAwait(false);
            }

            return readSuccessBody
                ? await ReadBodyAsync(request, response, token).ConfigureAwait(false)
                : new ResponseBody(response, null, 0);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            // The deadline above, HttpClient.Timeout or a resilience timeout, or a failed connection: not the caller's cancellation.
            throw TransportFailure(request, status, ex, $"no complete response in time (BmsGenClientOptions.Timeout for the whole call is {Describe(timeout)}; HttpClient.Timeout and the resilience timeouts also apply)");
        }
        finally
        {
            // Only once the response is disposed: until then the body may still be in flight (HTTP/2 can deliver the
            // response headers first).
            request.Dispose();
        }
    }

    /// <summary>
    /// A failure of the connection or of a clock (a timeout) rather than the caller's own cancellation, which stays an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or Polly.ExecutionRejectedException => true,
        _ => false,
    };

    private static BmsGenTransportException TransportFailure(ApiRequest request, HttpStatusCode? status, Exception ex, string timeoutMessage) =>
        ex is OperationCanceledException or Polly.Timeout.TimeoutRejectedException
            ? new BmsGenTransportException(request.OperationId, status, timeoutMessage, isTimeout: true, ex)
            : new BmsGenTransportException(request.OperationId, status, ex.Message, isTimeout: false, ex);

    private static string Describe(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan ? "none" : timeout.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Relative to the client's BaseAddress, or absolute on the endpoint configured for the operation's service.</summary>
    private Uri RequestUri(ApiRequest request)
    {
        if (request.Service is { } service && Options.ServiceEndpoints.TryGetValue(service, out Uri? endpoint))
        {
            if (!endpoint.IsAbsoluteUri)
            {
                throw new InvalidOperationException($"{request.OperationId}: BmsGenClientOptions.ServiceEndpoints[\"{service}\"] must be an absolute URI, not '{endpoint}'.");
            }

            // A base without a trailing slash would drop its last segment when the relative path is resolved.
            Uri serviceBase = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
            return new Uri(serviceBase, request.RelativeUri);
        }

        return new Uri(request.RelativeUri, UriKind.Relative);
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;

    private async Task<HttpResponseMessage> SendCoreAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        request.ThrowIfDisposed();
        Uri uri = RequestUri(request);
        if (!uri.IsAbsoluteUri && _httpClient.BaseAddress is null)
        {
            throw new InvalidOperationException($"{request.OperationId}: HttpClient.BaseAddress is not set; set it to the service endpoint (for example https://ecs.cn-north-4.myhuaweicloud.com/).");
        }

        using var message = new HttpRequestMessage(request.Method, uri);
        foreach (KeyValuePair<string, string> header in Options.DefaultHeaders)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (Options.NovaMicroversion is { Length: > 0 } microversion)
        {
            message.Headers.TryAddWithoutValidation("X-OpenStack-Nova-API-Version", microversion);
            message.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute " + microversion);
        }

        foreach (KeyValuePair<string, string> header in request.Headers)
        {
            message.Headers.Remove(header.Key);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.ContentType = JsonMediaType;
        }

        message.Options.Set(ApiRequestOptions.Operation, request);
        return await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private static T Parse<T>(ApiRequest request, HttpStatusCode status, ReadOnlySpan<byte> body, JsonValueReader<T> read)
    {
        body = WithoutByteOrderMark(body);
        if (IsBlank(body))
        {
            throw new BmsGenResponseException(request.OperationId, status, "the body is empty, but the operation returns JSON", 0);
        }

        var reader = new JsonSpanReader(body, maxDepth: 256);
        JsonRead.BeginDocument();
        try
        {
            reader.Read();

            T? value = read(ref reader);
            if (value is null)
            {
                throw new BmsGenResponseException(request.OperationId, status, "the body is JSON null", reader.TokenStartIndex);
            }

            if (reader.Read())
            {
                throw new BmsGenResponseException(request.OperationId, status, "unexpected content after the JSON value", reader.TokenStartIndex);
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw new BmsGenResponseException(request.OperationId, status, ex.Message, reader.BytesConsumed, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            // Decoding a string refuses invalid UTF-8 and lone escaped surrogates this way (DecoderFallbackException
            // is an ArgumentException); to the caller it is the same malformed body.
            throw new BmsGenResponseException(request.OperationId, status, ex.Message, reader.TokenStartIndex, ex);
        }
    }

    /// <summary>The body without a leading UTF-8 byte order mark, which some gateways write before JSON.</summary>
    internal static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private async Task ThrowApiExceptionAsync(ApiRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? requestId = RequestIdOf(response);
        string rawBody;
        ApiError error;
        try
        {
            using ResponseBody body = await ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
            rawBody = Encoding.UTF8.GetString(body.Span);
            error = ApiError.Parse(WithoutByteOrderMark(body.Span));
        }
        catch (Exception ex) when (ex is BmsGenResponseException or HttpRequestException or IOException)
        {
            // The status and request ID are known even when the error body is too large or cut off.
            throw new BmsGenApiException(request.OperationId, response.StatusCode, null, null, requestId,
                string.Empty, null, ex);
        }

        throw new BmsGenApiException(request.OperationId, response.StatusCode, error.Code, error.Message, requestId, rawBody, error.ItemErrors);
    }

    /// <summary>The request ID the service returned (<c>X-Request-Id</c> or an OpenStack equivalent), or null.</summary>
    internal static string? RequestIdOf(HttpResponseMessage response)
    {
        foreach (string header in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(header, out IEnumerable<string>? values))
            {
                return string.Join(",", values);
            }
        }

        return null;
    }

    /// <summary>Reads the whole body into a pooled buffer, refusing bodies over the configured limit.</summary>
    private async Task<ResponseBody> ReadBodyAsync(ApiRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int limit = Options.MaxResponseBytes;
        long? declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new BmsGenResponseException(request.OperationId, response.StatusCode, $"the body declares {declared} bytes, over the {limit}-byte limit (BmsGenClientOptions.MaxResponseBytes)", 0);
        }

        // One byte past the limit tells a body of exactly the limit from a longer one; pooled arrays may be larger
        // than asked for, so reads never go past this capacity whatever the array's length.
        int capacity = limit == int.MaxValue ? limit : limit + 1;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((declared ?? 4096) + 1, 256), capacity));
        int length = 0;
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == Math.Min(buffer.Length, capacity))
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, capacity));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, capacity) - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new ResponseBody(response, buffer, length);
                    }

                    length += read;
                    if (length > limit)
                    {
                        throw new BmsGenResponseException(request.OperationId, response.StatusCode, $"the body exceeds the {limit}-byte limit (BmsGenClientOptions.MaxResponseBytes)", limit);
                    }
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// A response's status, headers and body in a pooled buffer; disposing returns the buffer. The header collections
    /// stay readable after the response message is disposed.
    /// </summary>
    private readonly struct ResponseBody : IDisposable
    {
        private readonly byte[]? _buffer;
        private readonly int _length;

        public ResponseBody(HttpResponseMessage response, byte[]? buffer, int length)
        {
            Status = response.StatusCode;
            Headers = response.Headers;
            ContentHeaders = response.Content.Headers;
            RequestId = RequestIdOf(response);
            _buffer = buffer;
            _length = length;
        }

        public HttpStatusCode Status { get; }

        public HttpResponseHeaders Headers { get; }

        public HttpContentHeaders ContentHeaders { get; }

        public string? RequestId { get; }

        public ReadOnlySpan<byte> Span => _buffer is null ? default : _buffer.AsSpan(0, _length);

        public void Dispose()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }
    }
}

/// <summary>Keys under which the transport exposes request context to pipeline handlers.</summary>
public static class ApiRequestOptions
{
    /// <summary>The generated request that an <see cref="HttpRequestMessage"/> was built from.</summary>
    public static readonly HttpRequestOptionsKey<ApiRequest> Operation = new("BmsGen.Operation");
}
