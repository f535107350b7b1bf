using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace BmsGen.Simulator.Http;

/// <summary>
/// Injects the faults of <see cref="SimulatorFaults"/> (latency, 429/500/503 answers with <c>Retry-After</c>, aborted
/// connections, truncated bodies) and enforces the per-minute rate limit with a fixed-window limiter (429
/// <c>APIGW.0308</c>, as the gateway answers). The token API is exempt. Everything is off by default.
/// </summary>
internal sealed class FaultInjection : IDisposable
{
    private readonly SimulatorFaults _faults;
    private readonly Random _dice;
    private readonly object _diceGate = new();
    private readonly FixedWindowRateLimiter? _limiter;
    private readonly int _limit;
    private int _errorTurn;
    private int _scriptedCount;
    private int _scriptedStatus;

    public FaultInjection(SimulatorOptions options)
    {
        _faults = options.Faults;
        _dice = new Random(options.Faults.Seed);
        _limit = options.RateLimitPerMinute;
        if (_limit > 0)
        {
            _limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = _limit,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (GatewayAuthentication.IsOpen(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (_limiter is not null)
        {
            using RateLimitLease lease = _limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                TimeSpan retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) ? after : TimeSpan.FromMinutes(1);
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Respond.Gateway(context, StatusCodes.Status429TooManyRequests, "APIGW.0308",
                    $"The throttling threshold has been reached: policy user over ratelimit,limit:{_limit},time:1 minute").ConfigureAwait(false);
                return;
            }
        }

        if (Volatile.Read(ref _scriptedCount) > 0 && TakeScripted() is { } scripted)
        {
            await AnswerError(context, scripted).ConfigureAwait(false);
            return;
        }

        if (!_faults.Any)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (_faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_faults.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        (bool abort, int? status, bool truncate) = Roll();
        if (abort)
        {
            context.Abort();
            return;
        }

        if (status is { } code)
        {
            await AnswerError(context, code).ConfigureAwait(false);
            return;
        }

        if (!truncate)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Stream original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        byte[] bytes = buffer.ToArray();
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
        await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        context.Abort();
    }

    /// <summary>Answers the next <paramref name="count"/> API requests with <paramref name="status"/>, whatever the other faults say.</summary>
    public void FailNext(int count, int status)
    {
        lock (_diceGate)
        {
            _scriptedStatus = status;
            Volatile.Write(ref _scriptedCount, count);
        }
    }

    public void Dispose() => _limiter?.Dispose();

    private int? TakeScripted()
    {
        lock (_diceGate)
        {
            if (_scriptedCount <= 0)
            {
                return null;
            }

            _scriptedCount--;
            return _scriptedStatus;
        }
    }

    private async Task AnswerError(HttpContext context, int code)
    {
        if (code is 429 or 503)
        {
            context.Response.Headers.RetryAfter = _faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (code == 429)
        {
            await Respond.Gateway(context, code, "APIGW.0308", "The throttling threshold has been reached (injected fault)").ConfigureAwait(false);
            return;
        }

        ApiFamily family = ApiFamilies.Of(context.Request.Path.Value ?? "/");
        await Respond.Error(context, family, InjectedError(family, code)).ConfigureAwait(false);
    }

    private (bool Abort, int? Status, bool Truncate) Roll()
    {
        lock (_diceGate)
        {
            if (_dice.NextDouble() < _faults.AbortRate)
            {
                return (true, null, false);
            }

            if (_faults.ErrorStatuses.Count > 0 && _dice.NextDouble() < _faults.ErrorRate)
            {
                int status = _faults.ErrorStatuses[_errorTurn++ % _faults.ErrorStatuses.Count];
                return (false, status, false);
            }

            return (false, null, _dice.NextDouble() < _faults.TruncateRate);
        }
    }

    private static ApiError InjectedError(ApiFamily family, int status) => (family, status) switch
    {
        (ApiFamily.Nova, 503) => new(503, "serviceUnavailable", "The service is unavailable (injected fault); try again later."),
        (ApiFamily.Nova, _) => new(status, "computeFault", "Unexpected API error (injected fault); try again later."),
        (ApiFamily.Bms, _) => new(status, "BMS.0212", "System is overloaded, please try again later (injected fault)."),
        _ => new(status, "Ecs.0002", "A system exception occurred (injected fault); try again later."),
    };
}
