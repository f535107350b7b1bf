using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using BmsGen.Runtime.Jobs;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// WaitForJobAsync and the …AndWaitAsync methods poll the job endpoint with growing delays on an injected clock,
/// until SUCCESS or FAIL, within a timeout, and stop when cancelled.
/// </summary>
public sealed class JobWaitingTests
{
    private const string Project = "proj-1";
    private const string JobUrl = $"https://bms.example.com/v1/{Project}/jobs/job-1";
    private const string Running = """{"status":"RUNNING","job_id":"job-1","job_type":"baremetalBatchOperate"}""";
    private const string Success = """
        {"status":"SUCCESS","job_id":"job-1","job_type":"baremetalBatchOperate","entities":{"sub_jobs_total":1,
         "sub_jobs":[{"status":"SUCCESS","job_id":"sub-1","entities":{"server_id":"s1"}}]}}
        """;

    [Fact]
    public async Task Waiting_polls_with_exponentially_growing_delays_until_success_and_returns_the_job()
    {
        var handler = new MockHttpMessageHandler();
        foreach (string body in new[] { Running, Running, Running, Running, Success })
        {
            handler.Expect(HttpMethod.Get, JobUrl).Respond("application/json", body);
        }

        var clock = new RecordingClock();
        var options = new JobWaitOptions { TimeProvider = clock, InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10) };
        Task<JobStatus> wait = Bms(handler).WaitForJobAsync("job-1", options);
        await clock.RunUntilAsync(wait);

        JobStatus job = await wait;
        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { 2.0, 4.0, 8.0, 10.0 }, clock.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(JobState.Success, job.Status);
        Assert.Equal("s1", job.Entities!.SubJobs!.Single().Entities!.ServerId);
    }

    [Fact]
    public async Task A_failed_job_throws_with_its_id_error_code_and_reason()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, JobUrl).Respond("application/json", Running);
        handler.Expect(HttpMethod.Get, JobUrl).Respond("application/json", """{"status":"FAIL","job_id":"job-1","error_code":"BMS.0105","fail_reason":"the flavor is sold out"}""");
        var clock = new RecordingClock();

        Task<JobStatus> wait = Bms(handler).WaitForJobAsync("job-1", new JobWaitOptions { TimeProvider = clock });
        await clock.RunUntilAsync(wait);

        BmsGenJobFailedException error = await Assert.ThrowsAsync<BmsGenJobFailedException>(() => wait);
        Assert.Equal("job-1", error.JobId);
        Assert.Equal("BMS.0105", error.ErrorCode);
        Assert.Equal("the flavor is sold out", error.FailReason);
        Assert.Contains("BMS.0105", error.Message, StringComparison.Ordinal);
        Assert.Equal("FAIL", Assert.IsType<JobStatus>(error.Job).Status!.Value.Value);
        Assert.Equal(new[] { 2.0 }, clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task A_job_still_running_at_the_timeout_throws_after_a_last_poll_at_the_deadline()
    {
        var handler = new MockHttpMessageHandler();
        MockedRequest poll = handler.When(HttpMethod.Get, JobUrl);
        poll.Respond("application/json", Running);
        var clock = new RecordingClock();

        Task<JobStatus> wait = Bms(handler).WaitForJobAsync("job-1", new JobWaitOptions { TimeProvider = clock, Timeout = TimeSpan.FromSeconds(10) });
        await clock.RunUntilAsync(wait);

        BmsGenJobTimeoutException error = await Assert.ThrowsAsync<BmsGenJobTimeoutException>(() => wait);
        Assert.Equal("job-1", error.JobId);
        Assert.Equal("RUNNING", error.LastStatus);

        // 2 + 4 s, then only the 4 s left until the deadline; the poll at the deadline is the last.
        Assert.Equal(new[] { 2.0, 4.0, 4.0 }, clock.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(4, handler.GetMatchCount(poll));
    }

    [Fact]
    public async Task Cancelling_during_a_delay_ends_the_wait_without_another_poll()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, JobUrl).Respond("application/json", Running);
        handler.Fallback.Throw(new InvalidOperationException("polled after cancellation"));
        var clock = new RecordingClock();
        using var cancellation = new CancellationTokenSource();

        Task<JobStatus> wait = Bms(handler).WaitForJobAsync("job-1", new JobWaitOptions { TimeProvider = clock }, cancellation.Token);
        await clock.NextDelayAsync();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task AndWait_submits_the_operation_then_polls_the_job_it_returned()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, $"https://bms.example.com/v1/{Project}/baremetalservers/action")
            .WithContent("""{"os-stop":{"type":"SOFT","servers":[{"id":"s1"}]}}""")
            .Respond("application/json", """{"job_id":"job-1"}""");
        handler.Expect(HttpMethod.Get, JobUrl).Respond("application/json", Running);
        handler.Expect(HttpMethod.Get, JobUrl).Respond("application/json", Success);
        var clock = new RecordingClock();

        Task<JobStatus> wait = Bms(handler).BatchStopBaremetalServersAndWaitAsync(
            new BatchStopBaremetalServersRequest { OsStop = new BatchStopBaremetalServersRequestOsStop { Type = PowerType.Soft, Servers = new[] { new ServerIdRef { Id = "s1" } } } },
            new JobWaitOptions { TimeProvider = clock });
        await clock.RunUntilAsync(wait);

        JobStatus job = await wait;
        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("job-1", job.JobId);
    }

    [Fact]
    public async Task AndWait_on_an_ECS_operation_fails_clearly_when_the_response_has_no_job_id()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, $"https://bms.example.com/v1/{Project}/cloudservers/delete").Respond("application/json", "{}");
        var client = new BmsGen.Client.Ecs.EcsClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => client.DeleteServersAndWaitAsync(new BmsGen.Client.Ecs.DeleteServersRequest { Servers = Array.Empty<BmsGen.Client.Ecs.ServerIdRef>() }));

        Assert.Equal("DeleteServers", error.OperationId);
        Assert.Contains("no job_id", error.Message, StringComparison.Ordinal);
    }

    private static BmsClient Bms(MockHttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });

    /// <summary>
    /// A fake clock that records every delay the waiter asks for and lets the test advance time by exactly that delay,
    /// so the test never depends on how long anything takes.
    /// </summary>
    private sealed class RecordingClock : TimeProvider
    {
        private readonly FakeTimeProvider _time = new();
        private readonly SemaphoreSlim _timerCreated = new(0);
        private readonly ConcurrentQueue<TimeSpan> _pending = new();

        public List<TimeSpan> Delays { get; } = new();

        public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();

        public override long GetTimestamp() => _time.GetTimestamp();

        public override long TimestampFrequency => _time.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = _time.CreateTimer(callback, state, dueTime, period);
            lock (Delays)
            {
                Delays.Add(dueTime);
            }

            _pending.Enqueue(dueTime);
            _timerCreated.Release();
            return timer;
        }

        /// <summary>Waits for the waiter's next delay to start.</summary>
        public async Task<TimeSpan> NextDelayAsync()
        {
            Assert.True(await _timerCreated.WaitAsync(TimeSpan.FromSeconds(30)), "the waiter never started a delay");
            Assert.True(_pending.TryDequeue(out TimeSpan delay));
            return delay;
        }

        /// <summary>Lets each delay elapse as soon as the waiter starts it, until <paramref name="task"/> ends.</summary>
        public async Task RunUntilAsync(Task task)
        {
            while (true)
            {
                Task started = _timerCreated.WaitAsync();
                if (await Task.WhenAny(task, started) == task)
                {
                    return;
                }

                Assert.True(_pending.TryDequeue(out TimeSpan delay));
                _time.Advance(delay);
            }
        }
    }
}
