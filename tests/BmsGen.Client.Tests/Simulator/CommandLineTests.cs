using System;
using BmsGen.Simulator;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>The simulator's command line: every switch optional, wrong values named.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Switches_set_the_options()
    {
        SimulatorOptions options = SimulatorCommandLine.Parse(new[]
        {
            "--urls", "http://127.0.0.1:5080", "--access-key", "AK", "--secret-key", "SK", "--project-id", "PID",
            "--seed-servers", "50", "--error-rate", "0.25", "--rate-limit", "600", "--quiet",
        });

        Assert.Equal("http://127.0.0.1:5080", options.Urls);
        Assert.Equal("AK", options.AccessKey);
        Assert.Equal("SK", options.SecretKey);
        Assert.Equal("PID", options.ProjectId);
        Assert.Equal(50, options.SeedServers);
        Assert.Equal(0.25, options.Faults.ErrorRate);
        Assert.Equal(600, options.RateLimitPerMinute);
        Assert.False(options.LogRequests);
    }

    [Fact]
    public void No_switches_give_the_defaults_with_request_logging()
    {
        SimulatorOptions options = SimulatorCommandLine.Parse(Array.Empty<string>());

        Assert.Equal(new SimulatorOptions().AccessKey, options.AccessKey);
        Assert.Equal(0, options.SeedServers);
        Assert.Equal(0, options.Faults.ErrorRate);
        Assert.True(options.LogRequests);
    }

    [Theory]
    [InlineData("--seed-servers", "many")]
    [InlineData("--error-rate", "2")]
    public void Wrong_values_name_the_switch(string name, string value)
    {
        FormatException error = Assert.Throws<FormatException>(() => SimulatorCommandLine.Parse(new[] { name, value }));
        Assert.Contains(name, error.Message);
    }
}
