using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using BmsGen.Runtime.Json;

namespace BmsGen.Runtime;

/// <summary>A request as generated code describes it: operation, method, path, query, headers and JSON body.</summary>
/// <remarks>
/// The JSON body lies in an array rented from the shared pool, not in a copy of its own. <see cref="ApiTransport"/>
/// takes the request it sends and disposes it when the exchange ends, which returns that array; a request is
/// therefore sent once. Dispose a request yourself only when you build one and do not send it.
/// </remarks>
public sealed class ApiRequest : IDisposable
{
    private readonly StringBuilder _path = new();
    private StringBuilder? _query;
    private List<KeyValuePair<string, string>>? _headers;
    private byte[]? _rentedBody;
    private bool _disposed;

    public ApiRequest(string operationId, HttpMethod method, string pathTemplate)
    {
        OperationId = operationId;
        Method = method;
        PathTemplate = pathTemplate;
    }

    /// <summary>The spec's operationId, used in errors, logs and traces.</summary>
    public string OperationId { get; }

    public HttpMethod Method { get; }

    /// <summary>The path template as the spec writes it, without parameter values.</summary>
    public string PathTemplate { get; }

    /// <summary>
    /// The service whose endpoint serves this operation when it is not the client's own (<c>ims</c> for the image
    /// APIs documented among the ECS ones), or null. See <see cref="BmsGenClientOptions.ServiceEndpoints"/>.
    /// </summary>
    public string? Service { get; init; }

    /// <summary>
    /// Whether sending this request twice has the effect of sending it once: true when the spec marks the operation
    /// idempotent, false when it marks it not, null (the default) to go by the method (<see cref="IsIdempotentMethod"/>).
    /// Retries only ever repeat idempotent requests.
    /// </summary>
    public bool? Idempotent { get; init; }

    /// <summary><see cref="Idempotent"/> when set, otherwise whether the method is idempotent.</summary>
    public bool IsIdempotent => Idempotent ?? IsIdempotentMethod(Method);

    /// <summary>GET, HEAD, OPTIONS, PUT and DELETE are idempotent (RFC 9110 §9.2.2); POST and PATCH are not.</summary>
    public static bool IsIdempotentMethod(HttpMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options ||
            method == HttpMethod.Put || method == HttpMethod.Delete;
    }

    /// <summary>The JSON body, or null; null again once the request is disposed, when its pooled array goes back.</summary>
    public ReadOnlyMemory<byte>? Body { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The path and query, relative to the service endpoint and without a leading slash.</summary>
    public string RelativeUri
    {
        get
        {
            string path = _path.Length > 0 && _path[0] == '/' ? _path.ToString(1, _path.Length - 1) : _path.ToString();
            return _query is null ? path : path + "?" + _query;
        }
    }

    public void AppendPath(string literal) => _path.Append(literal);

    public void AppendPathParameter(string name, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"Path parameter '{name}' of {OperationId} must not be empty.", name);
        }

        _path.Append(Uri.EscapeDataString(value));
    }

    public void AppendPathParameter(string name, int value) => _path.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendPathParameter(string name, long value) => _path.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendPathParameter(string name, double value) => _path.Append(value.ToString("R", CultureInfo.InvariantCulture));

    public void AppendPathParameter(string name, bool value) => _path.Append(value ? "true" : "false");

    public void AddQuery(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        _query = _query is null ? new StringBuilder() : _query.Append('&');
        _query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    public void AddQuery(string name, int? value) => AddQuery(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddQuery(string name, long? value) => AddQuery(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddQuery(string name, double? value) => AddQuery(name, value?.ToString("R", CultureInfo.InvariantCulture));

    public void AddQuery(string name, bool? value) => AddQuery(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds the key once per value (<c>?tags=a&amp;tags=b</c>).</summary>
    public void AddQuery(string name, IEnumerable<string>? values) => AddEach(name, values, static value => value);

    public void AddQuery(string name, IEnumerable<int>? values) => AddEach(name, values, static value => value.ToString(CultureInfo.InvariantCulture));

    public void AddQuery(string name, IEnumerable<long>? values) => AddEach(name, values, static value => value.ToString(CultureInfo.InvariantCulture));

    public void AddQuery(string name, IEnumerable<double>? values) => AddEach(name, values, static value => value.ToString("R", CultureInfo.InvariantCulture));

    public void AddQuery(string name, IEnumerable<bool>? values) => AddEach(name, values, static value => value ? "true" : "false");

    public void AddHeader(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        (_headers ??= new()).Add(new KeyValuePair<string, string>(name, value));
    }

    public void AddHeader(string name, int? value) => AddHeader(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddHeader(string name, long? value) => AddHeader(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddHeader(string name, double? value) => AddHeader(name, value?.ToString("R", CultureInfo.InvariantCulture));

    public void AddHeader(string name, bool? value) => AddHeader(name, value is null ? null : value.Value ? "true" : "false");

    private void AddEach<T>(string name, IEnumerable<T>? values, Func<T, string> format)
    {
        if (values is null)
        {
            return;
        }

        foreach (T value in values)
        {
            AddQuery(name, format(value));
        }
    }

    /// <summary>
    /// Serializes <paramref name="value"/> with the generated writer into an array rented from the shared pool,
    /// which becomes <see cref="Body"/> as it is: no copy. The writer itself is reused per thread. A body set before
    /// is returned to the pool first.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The request was sent or disposed.</exception>
    public void SetJsonBody<T>(T value, JsonValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(write);
        ThrowIfDisposed();

        // Taken out of the slot while in use, so a writer that builds another body meanwhile gets a fresh pair.
        PooledBodyWriter pooled = t_bodyWriter ?? new PooledBodyWriter();
        t_bodyWriter = null;
        try
        {
            pooled.Writer.Reset(pooled.Buffer);
            write(pooled.Writer, value);
            pooled.Writer.Flush();
            ReturnBody();
            _rentedBody = pooled.Buffer.Detach(out int length);
            Body = _rentedBody.AsMemory(0, length);
        }
        finally
        {
            // After a failed write, forgets the partial bytes.
            pooled.Buffer.Reset();
            t_bodyWriter = pooled;
        }
    }

    /// <summary>
    /// Returns the body's array to the shared pool. <see cref="Body"/> is null afterwards, and the request can no
    /// longer be sent: memory taken from <see cref="Body"/> before may already hold another request's bytes.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        ReturnBody();
    }

    /// <summary>Refuses a request that was sent (the transport disposes what it sends) or disposed.</summary>
    internal void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(ApiRequest), $"This {OperationId} request was already sent or disposed; its body went back to the pool. Build a new request to send it again.");
        }
    }

    private void ReturnBody()
    {
        Body = null;
        if (Interlocked.Exchange(ref _rentedBody, null) is { Length: > 0 } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [ThreadStatic]
    private static PooledBodyWriter? t_bodyWriter;

    /// <summary>A pooled buffer and a JSON writer over it, kept per thread between request bodies.</summary>
    private sealed class PooledBodyWriter
    {
        // The generated writers balance every object and array by construction, as System.Text.Json's own
        // serializer does for its writers, so the per-token structure check is skipped. The encoder escapes exactly
        // as the default one does, and tells text that needs no escaping apart faster.
        private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = JsonBodyEncoder.Instance };

        public readonly PooledByteBufferWriter Buffer = new();

        public readonly Utf8JsonWriter Writer;

        public PooledBodyWriter() => Writer = new Utf8JsonWriter(Buffer, Options);
    }
}
