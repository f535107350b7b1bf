using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BmsGen.Simulator.Http;

/// <summary>
/// The outermost stage: logs one line per request, turns refusals (<see cref="SimulatorFault"/>) into the API's
/// documented error, answers unknown APIs and methods with the gateway's <c>APIGW.0101</c>, malformed requests
/// with the API's invalid-request code, and anything unexpected with a 500 in the API's shape — never an empty body.
/// </summary>
internal sealed class ErrorHandling
{
    private readonly ILogger _log;

    public ErrorHandling(ILogger log) => _log = log;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        long started = Stopwatch.GetTimestamp();
        context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
        ApiFamily family = ApiFamilies.Of(context.Request.Path.Value ?? "/");
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode is 404 or 405 && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                int status = context.Response.StatusCode;
                context.Response.Clear();
                context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
                await Respond.Gateway(context, status, "APIGW.0101",
                    $"The API does not exist or has not been published in the environment: {context.Request.Method} {context.Request.Path}").ConfigureAwait(false);
            }
        }
        catch (SimulatorFault fault) when (!context.Response.HasStarted)
        {
            await Respond.Error(context, family, ErrorCatalog.For(family, fault.Kind, fault.Message)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is BadHttpRequestException or JsonException or FormatException or InvalidOperationException && !context.Response.HasStarted)
        {
            await Respond.Error(context, family, ErrorCatalog.For(family, FaultKind.InvalidRequest, error.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            _log.LogError(error, "Unexpected error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await Respond.Error(context, family, family switch
            {
                ApiFamily.Nova => new ApiError(500, "computeFault", "Unexpected API error: " + error.Message),
                ApiFamily.Bms => new ApiError(500, "BMS.1007", "Calling interface failed: " + error.Message),
                _ => new ApiError(500, "Ecs.0002", "A system exception occurred: " + error.Message),
            }).ConfigureAwait(false);
        }
        finally
        {
            if (_log.IsEnabled(LogLevel.Information))
            {
                _log.LogInformation("{Method} {Target} -> {Status} in {Elapsed:0.0} ms [{RequestId}]",
                    context.Request.Method, context.Request.Path + context.Request.QueryString, context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TraceIdentifier);
            }
        }
    }
}
