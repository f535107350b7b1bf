using System;
using System.Collections.Generic;
using System.Net;

namespace BmsGen.Runtime;

/// <summary>Base type of the errors a generated client throws for what the service sent back.</summary>
public abstract class BmsGenException : Exception
{
    protected BmsGenException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The service answered with a non-success status.</summary>
public sealed class BmsGenApiException : BmsGenException
{
    public BmsGenApiException(string operationId, HttpStatusCode statusCode, string? errorCode, string? errorMessage, string? requestId, string rawBody, IReadOnlyList<BmsGenItemError>? itemErrors = null)
        : this(operationId, statusCode, errorCode, errorMessage, requestId, rawBody, itemErrors, null)
    {
    }

    /// <summary>
    /// An error status whose body could not be read in full (<paramref name="innerException"/> says why: cut off,
    /// or over <see cref="BmsGenClientOptions.MaxResponseBytes"/>); the status and request ID are still known.
    /// </summary>
    public BmsGenApiException(string operationId, HttpStatusCode statusCode, string? errorCode, string? errorMessage, string? requestId, string rawBody, IReadOnlyList<BmsGenItemError>? itemErrors, Exception? innerException)
        : base(Describe(operationId, statusCode, errorCode, errorMessage, requestId, rawBody, itemErrors?.Count ?? 0, innerException), innerException)
    {
        OperationId = operationId;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        RawBody = rawBody;
        ItemErrors = itemErrors ?? Array.Empty<BmsGenItemError>();
    }

    public string OperationId { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The API's error code (<c>Ecs.0114</c>, <c>APIGW.0301</c>, or a Nova fault's numeric code), when the body carries one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The API's error message, when the body carries one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request ID the service returned (<c>X-Request-Id</c> or an OpenStack equivalent).</summary>
    public string? RequestId { get; }

    /// <summary>The response body as received (decoded as UTF-8).</summary>
    public string RawBody { get; }

    /// <summary>
    /// The failure of each item of a batch request (the <c>internalError</c> list of ECS batch errors), empty when the
    /// body has none.
    /// </summary>
    public IReadOnlyList<BmsGenItemError> ItemErrors { get; }

    private static string Describe(string operationId, HttpStatusCode statusCode, string? errorCode, string? errorMessage, string? requestId, string rawBody, int itemErrorCount, Exception? bodyFailure)
    {
        string detail = errorCode is null && errorMessage is null
            ? bodyFailure is null ? "body: " + Truncate(rawBody) : "the body could not be read: " + bodyFailure.Message
            : $"{errorCode ?? "(no code)"}: {errorMessage ?? "(no message)"}";
        string items = itemErrorCount == 0 ? string.Empty : $" ({itemErrorCount} batch item{(itemErrorCount == 1 ? string.Empty : "s")} failed, see ItemErrors)";
        return $"{operationId} failed with HTTP {(int)statusCode} ({statusCode}): {detail}{items} [request id: {requestId ?? "none"}]";
    }

    internal static string Truncate(string text) =>
        text.Length == 0 ? "(empty)" : text.Length <= 500 ? text.ReplaceLineEndings(" ") : text.Substring(0, 500).ReplaceLineEndings(" ") + "…";
}

/// <summary>The failure of one item of a batch request: the item's ID (an ECS ID) and its error.</summary>
public sealed record BmsGenItemError(string? Id, string? ErrorCode, string? ErrorMessage);

/// <summary>The service answered with success, but the body is not the JSON the spec describes (malformed, truncated or of the wrong shape).</summary>
public sealed class BmsGenResponseException : BmsGenException
{
    public BmsGenResponseException(string operationId, HttpStatusCode statusCode, string problem, long bytePosition, Exception? innerException = null)
        : base($"{operationId}: the HTTP {(int)statusCode} response body could not be read at byte {bytePosition}: {problem}", innerException)
    {
        OperationId = operationId;
        StatusCode = statusCode;
        BytePosition = bytePosition;
    }

    public string OperationId { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>How far into the body the reader got before it failed.</summary>
    public long BytePosition { get; }
}

/// <summary>
/// No complete response arrived: the connection failed or broke off (while sending, or while the body was read), a
/// timeout expired, or the resilience pipeline refused the call (rate limit). <see cref="StatusCode"/> is set when
/// the status line had arrived. Cancellation through the caller's token is an <see cref="OperationCanceledException"/> instead.
/// </summary>
public sealed class BmsGenTransportException : BmsGenException
{
    public BmsGenTransportException(string operationId, HttpStatusCode? statusCode, string problem, bool isTimeout, Exception? innerException = null)
        : base($"{operationId}: {(statusCode is { } status ? $"the HTTP {(int)status} response was not received in full" : "no response was received")}: {problem}", innerException)
    {
        OperationId = operationId;
        StatusCode = statusCode;
        IsTimeout = isTimeout;
    }

    public string OperationId { get; }

    /// <summary>The response status, when the status line had arrived before the failure; otherwise null.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when a timeout (not a broken connection) ended the call.</summary>
    public bool IsTimeout { get; }
}

/// <summary>
/// Credentials could not be used: IAM refused or failed the token request. The message names the user and domain,
/// never a password, key or token.
/// </summary>
public sealed class BmsGenAuthenticationException : BmsGenException
{
    public BmsGenAuthenticationException(string problem, HttpStatusCode? statusCode, Exception? innerException = null)
        : base("Authentication failed: " + problem + ".", innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The status of IAM's answer, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
