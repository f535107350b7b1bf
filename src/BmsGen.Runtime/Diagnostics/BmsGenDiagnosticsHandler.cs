using System;
using System.Buffers;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BmsGen.Runtime.Diagnostics;

/// <summary>
/// Reports every call: a log entry (operation, method, path template, status, duration, request ID), a span from
/// <see cref="BmsGenDiagnostics.ActivitySource"/> and a point on the request-duration histogram. Headers are never
/// logged; bodies only at <see cref="LogLevel.Trace"/>, with the values of secret-looking properties (passwords,
/// keys, tokens, user data) replaced by <c>***</c>. Place it outermost, so that one entry covers all attempts.
/// </summary>
public sealed partial class BmsGenDiagnosticsHandler : DelegatingHandler
{
    private const int MaxLoggedBodyChars = 4096;
    private readonly ILogger _logger;

    /// <summary>Creates a handler that logs to <paramref name="logger"/> (nothing when null).</summary>
    public BmsGenDiagnosticsHandler(ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.TryGetValue(ApiRequestOptions.Operation, out ApiRequest? operation);
        string operationId = operation?.OperationId ?? "(unknown)";
        string pathTemplate = operation?.PathTemplate ?? request.RequestUri?.AbsolutePath ?? string.Empty;
        string method = request.Method.Method;

        using Activity? activity = BmsGenDiagnostics.ActivitySource.StartActivity(operationId, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("bmsgen.operation", operationId);
            activity.SetTag("http.request.method", method);
            activity.SetTag("url.template", pathTemplate);
            activity.SetTag("server.address", request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Host : null);
        }

        if (_logger.IsEnabled(LogLevel.Trace) && request.Content is not null)
        {
            LogRequestBody(_logger, operationId, await RedactedBodyAsync(request.Content, cancellationToken).ConfigureAwait(false));
        }

        long started = Stopwatch.GetTimestamp();
        var tags = new TagList { { "bmsgen.operation", operationId }, { "http.request.method", method } };
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            int status = (int)response.StatusCode;
            string? requestId = ApiTransport.RequestIdOf(response);
            tags.Add("http.response.status_code", status);
            if (!response.IsSuccessStatusCode)
            {
                tags.Add("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            BmsGenDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", status);
                activity.SetTag("bmsgen.request_id", requestId);
                if (!response.IsSuccessStatusCode)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }

            LogCompleted(_logger, response.IsSuccessStatusCode ? LogLevel.Information : LogLevel.Warning,
                operationId, method, pathTemplate, status, elapsed.TotalMilliseconds, requestId ?? "none");
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                LogResponseBody(_logger, operationId, await RedactedBodyAsync(response.Content, cancellationToken).ConfigureAwait(false));
            }

            return response;
        }
        catch (Exception ex)
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            tags.Add("error.type", ex.GetType().FullName);
            BmsGenDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(_logger, operationId, method, pathTemplate, elapsed.TotalMilliseconds, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    /// <summary>The body as text for a trace log: JSON with secret-looking values replaced, cut at 4096 characters.</summary>
    internal static async Task<string> RedactedBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // Buffered content can be read again by whoever reads the response next.
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        byte[] body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        string text = Redact(body);
        return text.Length <= MaxLoggedBodyChars ? text : text[..MaxLoggedBodyChars] + "…";
    }

    /// <summary>Rewrites JSON with the string values of secret-looking properties as <c>***</c>; a body that is not JSON shows only its length.</summary>
    internal static string Redact(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "(empty)";
        }

        try
        {
            var output = new ArrayBufferWriter<byte>(body.Length);
            var reader = new Utf8JsonReader(ApiTransport.WithoutByteOrderMark(body));
            using (var writer = new Utf8JsonWriter(output))
            {
                bool secret = false;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            string name = reader.GetString()!;
                            secret = IsSecret(name);
                            writer.WritePropertyName(name);
                            continue;
                        case JsonTokenType.StartObject when secret:
                        case JsonTokenType.StartArray when secret:
                            reader.Skip();
                            writer.WriteStringValue("***");
                            break;
                        case JsonTokenType.String or JsonTokenType.Number when secret:
                            writer.WriteStringValue("***");
                            break;
                        case JsonTokenType.StartObject:
                            writer.WriteStartObject();
                            break;
                        case JsonTokenType.EndObject:
                            writer.WriteEndObject();
                            break;
                        case JsonTokenType.StartArray:
                            writer.WriteStartArray();
                            break;
                        case JsonTokenType.EndArray:
                            writer.WriteEndArray();
                            break;
                        case JsonTokenType.String:
                            writer.WriteStringValue(reader.GetString());
                            break;
                        case JsonTokenType.Number:
                            writer.WriteRawValue(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, skipInputValidation: true);
                            break;
                        case JsonTokenType.True or JsonTokenType.False:
                            writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                            break;
                        default:
                            writer.WriteNullValue();
                            break;
                    }

                    secret = false;
                }
            }

            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return $"({body.Length} bytes, not JSON)";
        }
    }

    private static bool IsSecret(string name)
    {
        string lower = name.ToLowerInvariant();
        return lower.Contains("pass", StringComparison.Ordinal) || lower.Contains("secret", StringComparison.Ordinal) ||
            lower.Contains("token", StringComparison.Ordinal) || lower.Contains("private", StringComparison.Ordinal) ||
            lower.Contains("user_data", StringComparison.Ordinal) || lower == "sk" || lower == "key" || lower.EndsWith("_key", StringComparison.Ordinal) ||
            lower.Contains("credential", StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 1, EventName = "BmsGenCallCompleted",
        Message = "{Operation} {Method} {PathTemplate} answered {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
    private static partial void LogCompleted(ILogger logger, LogLevel level, string operation, string method, string pathTemplate, int statusCode, double elapsedMs, string requestId);

    [LoggerMessage(EventId = 2, EventName = "BmsGenCallFailed", Level = LogLevel.Warning,
        Message = "{Operation} {Method} {PathTemplate} failed after {ElapsedMs:0.0} ms: {ErrorType}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string operation, string method, string pathTemplate, double elapsedMs, string errorType, string errorMessage);

    [LoggerMessage(EventId = 3, EventName = "BmsGenRequestBody", Level = LogLevel.Trace, Message = "{Operation} request body (redacted): {Body}")]
    private static partial void LogRequestBody(ILogger logger, string operation, string body);

    [LoggerMessage(EventId = 4, EventName = "BmsGenResponseBody", Level = LogLevel.Trace, Message = "{Operation} response body (redacted): {Body}")]
    private static partial void LogResponseBody(ILogger logger, string operation, string body);
}
