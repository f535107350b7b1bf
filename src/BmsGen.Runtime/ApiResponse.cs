using System.Net;
using System.Net.Http.Headers;

namespace BmsGen.Runtime;

/// <summary>
/// What a successful call returned besides its body: the status code, the response and content headers, and the
/// request ID the service assigned. The <c>…WithResponseAsync</c> methods of a generated client return it.
/// </summary>
public class ApiResponse
{
    public ApiResponse(string operationId, HttpStatusCode statusCode, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string? requestId)
    {
        OperationId = operationId;
        StatusCode = statusCode;
        Headers = headers;
        ContentHeaders = contentHeaders;
        RequestId = requestId;
    }

    /// <summary>The spec's operationId of the call.</summary>
    public string OperationId { get; }

    /// <summary>The success status the service answered with (200, 202, 204, …).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The headers of the response body (<c>Content-Type</c>, <c>Content-Length</c>, …).</summary>
    public HttpContentHeaders ContentHeaders { get; }

    /// <summary>The request ID the service returned (<c>X-Request-Id</c> or an OpenStack equivalent), or null.</summary>
    public string? RequestId { get; }
}

/// <summary>A successful call's parsed body together with its status code, headers and request ID.</summary>
/// <typeparam name="T">The body type the spec declares for the operation.</typeparam>
public sealed class ApiResponse<T> : ApiResponse
{
    public ApiResponse(string operationId, HttpStatusCode statusCode, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string? requestId, T value)
        : base(operationId, statusCode, headers, contentHeaders, requestId)
    {
        Value = value;
    }

    /// <summary>The parsed body: what the method without <c>WithResponse</c> returns.</summary>
    public T Value { get; }
}
