using System;
using System.Buffers;
using System.Collections.Generic;
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
    public async Task SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ThrowApiExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request and reads its success body with <paramref name="read"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return (await ReadValueAsync(request, response, read, allowEmpty: false, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Sends a request whose success response may come without a body (the spec declares a 2xx with no content
    /// beside one with JSON): an empty body gives null; a non-empty one is read with <paramref name="read"/>.
    /// </summary>
    public async Task<T?> SendAllowingEmptyAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
        where T : class
    {
        using HttpResponseMessage response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadValueAsync(request, response, read, allowEmpty: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request whose success response has no body the caller needs, and returns its status and headers.</summary>
    public async Task<ApiResponse> SendWithResponseAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return new ApiResponse(request.OperationId, response.StatusCode, response.Headers, response.Content.Headers, RequestIdOf(response));
    }

    /// <summary>Like <see cref="SendAsync{T}"/>, and returns the status code, headers and request ID with the value.</summary>
    public async Task<ApiResponse<T>> SendWithResponseAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        T value = (await ReadValueAsync(request, response, read, allowEmpty: false, cancellationToken).ConfigureAwait(false))!;
        return new ApiResponse<T>(request.OperationId, response.StatusCode, response.Headers, response.Content.Headers, RequestIdOf(response), value);
    }

    /// <summary>Like <see cref="SendAllowingEmptyAsync{T}"/>, and returns the status code, headers and request ID with the value.</summary>
    public async Task<ApiResponse<T?>> SendAllowingEmptyWithResponseAsync<T>(ApiRequest request, JsonValueReader<T> read, CancellationToken cancellationToken)
        where T : class
    {
        using HttpResponseMessage response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        T? value = await ReadValueAsync(request, response, read, allowEmpty: true, cancellationToken).ConfigureAwait(false);
        return new ApiResponse<T?>(request.OperationId, response.StatusCode, response.Headers, response.Content.Headers, RequestIdOf(response), value);
    }

    /// <summary>
    /// Sends a request and returns its success response unread, for a caller that reads the body as a stream (and
    /// disposes the response); a non-success status throws as for every other call.
    /// </summary>
    internal async Task<HttpResponseMessage> SendCheckedAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                await ThrowApiExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <summary>The request ID the service returned in one of the headers the APIs use for it, or null.</summary>
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

    /// <summary>Reads a success body with <paramref name="read"/>; with <paramref name="allowEmpty"/>, an empty body gives default.</summary>
    private async Task<T?> ReadValueAsync<T>(ApiRequest request, HttpResponseMessage response, JsonValueReader<T> read, bool allowEmpty, CancellationToken cancellationToken)
    {
        (byte[] buffer, int length) = await ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        try
        {
            return allowEmpty && IsBlank(buffer.AsSpan(0, length)) ? default : Parse(request, response.StatusCode, buffer.AsSpan(0, length), read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

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
        if (IsBlank(body))
        {
            throw new BmsGenResponseException(request.OperationId, status, "the body is empty, but the operation returns JSON", 0);
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
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
    }

    private async Task ThrowApiExceptionAsync(ApiRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        (byte[] buffer, int length) = await ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        string rawBody;
        ApiError error;
        try
        {
            rawBody = Encoding.UTF8.GetString(buffer, 0, length);
            error = ApiError.Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        throw new BmsGenApiException(request.OperationId, response.StatusCode, error.Code, error.Message, RequestIdOf(response), rawBody, error.ItemErrors);
    }

    /// <summary>Reads the whole body into a pooled buffer (the caller returns it), refusing bodies over the configured limit.</summary>
    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(ApiRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int limit = Options.MaxResponseBytes;
        long? declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new BmsGenResponseException(request.OperationId, response.StatusCode, $"the body declares {declared} bytes, over the {limit}-byte limit (BmsGenClientOptions.MaxResponseBytes)", 0);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 4096, 256, limit));
        int length = 0;
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length >= limit)
                        {
                            throw new BmsGenResponseException(request.OperationId, response.StatusCode, $"the body exceeds the {limit}-byte limit (BmsGenClientOptions.MaxResponseBytes)", length);
                        }

                        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, length);
                    }

                    length += read;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

/// <summary>Keys under which the transport exposes request context to pipeline handlers.</summary>
public static class ApiRequestOptions
{
    /// <summary>The generated request that an <see cref="HttpRequestMessage"/> was built from.</summary>
    public static readonly HttpRequestOptionsKey<ApiRequest> Operation = new("BmsGen.Operation");
}
