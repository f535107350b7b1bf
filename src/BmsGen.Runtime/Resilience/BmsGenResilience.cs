using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BmsGen.Runtime.Resilience;

/// <summary>
/// The resilience strategies of the send pipeline, built on Polly through Microsoft.Extensions.Http.Resilience:
/// an optional rate limiter, retries with exponential backoff and jitter on 429, 502, 503, 504 and transient network
/// failures (honouring <c>Retry-After</c>, for idempotent operations only), and a per-attempt timeout that covers the
/// response body (<see cref="ResponseBufferingHandler"/> reads it inside the attempt).
/// </summary>
public static class BmsGenResilience
{
    /// <summary>
    /// Adds the strategies to <paramref name="builder"/>, outermost first: rate limiter, retry, attempt timeout.
    /// </summary>
    /// <param name="builder">The pipeline builder (for example the one <c>AddResilienceHandler</c> hands out).</param>
    /// <param name="options">Retry, timeout and rate-limit settings.</param>
    /// <param name="timeProvider">The clock for delays and timeouts; the system clock when null.</param>
    /// <returns>The limiter to dispose with the pipeline, or null when rate limiting is off.</returns>
    public static IDisposable? AddBmsGenStrategies(this ResiliencePipelineBuilder<HttpResponseMessage> builder, BmsGenResilienceOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        timeProvider ??= TimeProvider.System;
        builder.TimeProvider = timeProvider;

        PerMinuteLimiter? limiter = null;
        if (options.RequestsPerMinute is { } perMinute)
        {
            limiter = new PerMinuteLimiter(perMinute, timeProvider);
            builder.AddRateLimiter(limiter.Limiter);
        }

        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context, options)),
            };
            builder.AddRetry(retry);
        }

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        }

        return limiter;
    }

    /// <summary>
    /// A handler that runs the strategies for every request it sends, built with <see cref="AddBmsGenStrategies"/>.
    /// Its inner handlers (buffering, authentication, the network) run once per attempt.
    /// </summary>
    public static DelegatingHandler CreateHandler(BmsGenResilienceOptions options, TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        IDisposable? limiter = builder.AddBmsGenStrategies(options, timeProvider);
        return new OwningResilienceHandler(builder.Build(), limiter);
    }

    /// <summary>
    /// Whether <paramref name="request"/> may be sent more than once: GET, HEAD, OPTIONS, PUT and DELETE are; other
    /// methods only when the operation is marked idempotent or listed in <see cref="BmsGenResilienceOptions.RetryNonIdempotentOperations"/>.
    /// </summary>
    public static bool MayRepeat(HttpRequestMessage? request, BmsGenResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (request is null)
        {
            return false;
        }

        if (request.Options.TryGetValue(ApiRequestOptions.Operation, out ApiRequest? operation))
        {
            return operation.IsIdempotent || options.RetryNonIdempotentOperations.Contains(operation.OperationId);
        }

        return ApiRequest.IsIdempotentMethod(request.Method);
    }

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome, ResilienceContext context, BmsGenResilienceOptions options)
    {
        bool transient = outcome switch
        {
            { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
            { Exception: HttpRequestException or IOException or TimeoutRejectedException } => true,
            _ => false,
        };
        return transient && !context.CancellationToken.IsCancellationRequested && MayRepeat(context.GetRequestMessage(), options);
    }

    /// <summary>
    /// A token bucket of the per-minute limit that gains one permit every minute / limit, on the given clock (so a
    /// test clock drives it; the limiter's own timer would run on the machine's).
    /// </summary>
    private sealed class PerMinuteLimiter : IDisposable
    {
        private readonly ITimer _timer;

        public PerMinuteLimiter(int perMinute, TimeProvider timeProvider)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1, nameof(BmsGenResilienceOptions.RequestsPerMinute));
            Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = 1,
                // The smallest period the limiter accepts: the timer below sets the pace.
                ReplenishmentPeriod = TimeSpan.FromTicks(1),
                AutoReplenishment = false,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            TimeSpan interval = TimeSpan.FromMinutes(1) / perMinute;
            _timer = timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), Limiter, interval, interval);
        }

        public TokenBucketRateLimiter Limiter { get; }

        public void Dispose()
        {
            _timer.Dispose();
            Limiter.Dispose();
        }
    }

    /// <summary>The library's resilience handler, disposing the rate limiter it was built with.</summary>
    private sealed class OwningResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, IDisposable? owned) : ResilienceHandler(pipeline)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                owned?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
