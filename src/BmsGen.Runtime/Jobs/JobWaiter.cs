using System;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Runtime.Jobs;

/// <summary>How <see cref="JobWaiter"/> polls a job: the delays between polls, the overall timeout and the clock.</summary>
public sealed class JobWaitOptions
{
    /// <summary>The delay before the second poll (the first is immediate); 2 seconds by default.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The factor each delay grows by; 2 by default.</summary>
    public double BackoffFactor { get; init; } = 2;

    /// <summary>The longest delay between two polls; 30 seconds by default.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the job to end before giving up with <see cref="BmsGenJobTimeoutException"/>; 30 minutes by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock the delays and the timeout run on; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Called after every poll with the job ID and the status it answered (final ones included), to show progress;
    /// null by default. It runs on the waiting call's flow, so it must not block.
    /// </summary>
    public Action<string, JobSnapshot>? Progress { get; init; }
}

/// <summary>The fields of a job's status that decide whether waiting is over.</summary>
/// <param name="Status">The job status: <c>SUCCESS</c>, <c>FAIL</c>, <c>RUNNING</c>, <c>INIT</c>, …</param>
/// <param name="ErrorCode">The error code of a failed job.</param>
/// <param name="FailReason">The cause of a failed job.</param>
public readonly record struct JobSnapshot(string? Status, string? ErrorCode, string? FailReason);

/// <summary>
/// Polls an asynchronous job (the BMS and ECS <c>GET /v1/{project_id}/jobs/{job_id}</c>) until it succeeds or
/// fails, waiting longer after each poll (exponential backoff). Generated clients call it from their
/// <c>WaitForJobAsync</c> and <c>…AndWaitAsync</c> methods.
/// </summary>
public static class JobWaiter
{
    private static readonly JobWaitOptions Defaults = new();

    /// <summary>
    /// Polls with <paramref name="poll"/> until the job's status is <c>SUCCESS</c> (returns that last status, with
    /// its sub-jobs and entities) or <c>FAIL</c> (throws <see cref="BmsGenJobFailedException"/>).
    /// </summary>
    /// <exception cref="BmsGenJobFailedException">The job ended with status FAIL.</exception>
    /// <exception cref="BmsGenJobTimeoutException">The job had not ended within <see cref="JobWaitOptions.Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<TJob> WaitAsync<TJob>(
        string jobId,
        Func<CancellationToken, Task<TJob>> poll,
        Func<TJob, JobSnapshot> state,
        JobWaitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(state);
        options ??= Defaults;
        if (options.InitialDelay <= TimeSpan.Zero || options.MaxDelay < options.InitialDelay || options.BackoffFactor < 1 || options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("JobWaitOptions needs a positive InitialDelay and Timeout, MaxDelay >= InitialDelay and BackoffFactor >= 1.", nameof(options));
        }

        TimeProvider time = options.TimeProvider ?? TimeProvider.System;
        long started = time.GetTimestamp();
        TimeSpan delay = options.InitialDelay;
        while (true)
        {
            TJob job = await poll(cancellationToken).ConfigureAwait(false);
            JobSnapshot current = state(job);
            options.Progress?.Invoke(jobId, current);
            if (string.Equals(current.Status, "SUCCESS", StringComparison.OrdinalIgnoreCase))
            {
                return job;
            }

            if (string.Equals(current.Status, "FAIL", StringComparison.OrdinalIgnoreCase))
            {
                throw new BmsGenJobFailedException(jobId, current.ErrorCode, current.FailReason, job);
            }

            TimeSpan remaining = options.Timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new BmsGenJobTimeoutException(jobId, current.Status, options.Timeout);
            }

            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
            double grown = delay.Ticks * options.BackoffFactor;
            delay = grown >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)grown);
        }
    }
}

/// <summary>An asynchronous job ended with status FAIL.</summary>
public sealed class BmsGenJobFailedException : BmsGenException
{
    public BmsGenJobFailedException(string jobId, string? errorCode, string? failReason, object? job)
        : base($"Job {jobId} failed: {errorCode ?? "(no error code)"}: {failReason ?? "(no reason given)"}")
    {
        JobId = jobId;
        ErrorCode = errorCode;
        FailReason = failReason;
        Job = job;
    }

    /// <summary>The ID of the failed job.</summary>
    public string JobId { get; }

    /// <summary>The job's error code (<c>error_code</c>), when it gives one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The job's failure cause (<c>fail_reason</c>), when it gives one.</summary>
    public string? FailReason { get; }

    /// <summary>The job's last status as the client read it (the polling operation's response model), with its sub-jobs and entities.</summary>
    public object? Job { get; }
}

/// <summary>An asynchronous job had not ended (SUCCESS or FAIL) within the wait's timeout.</summary>
public sealed class BmsGenJobTimeoutException : BmsGenException
{
    public BmsGenJobTimeoutException(string jobId, string? lastStatus, TimeSpan timeout)
        : base($"Job {jobId} had not ended after {timeout} (last status: {lastStatus ?? "none"})")
    {
        JobId = jobId;
        LastStatus = lastStatus;
        Timeout = timeout;
    }

    public string JobId { get; }

    /// <summary>The status the last poll returned.</summary>
    public string? LastStatus { get; }

    public TimeSpan Timeout { get; }
}
