using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace BmsGen.Package.Tests;

/// <summary>
/// A fresh project outside the repository with PackageReferences to BmsGen.Simulator and BmsGen.Client only
/// (SimulatorConsumer/), which starts the simulator in-process and calls it with the ready-made clients, as the
/// README's "Start the simulator in your tests" shows.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class SimulatorConsumerTests(PackageFeedFixture feed)
{
    [Fact]
    public void The_simulator_package_carries_its_library_and_brings_the_runtime_and_ASP_NET_Core()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed.Feed, $"BmsGen.Simulator.{feed.Version}.nupkg"));
        Assert.Contains("lib/net10.0/BmsGen.Simulator.dll", package.Entries.Select(e => e.FullName));
        using var nuspec = new StreamReader(package.GetEntry("BmsGen.Simulator.nuspec")!.Open());
        string metadata = nuspec.ReadToEnd();
        Assert.Contains($"<dependency id=\"BmsGen.Runtime\" version=\"{feed.Version}\"", metadata);
        Assert.Contains("<frameworkReference name=\"Microsoft.AspNetCore.App\" />", metadata);
    }

    [Fact]
    public async Task A_project_with_only_the_simulator_and_client_packages_starts_the_simulator_and_calls_it()
    {
        string consumer = feed.NewConsumer("simulator", "SimulatorConsumer");
        CommandResult build = await Commands.DotNetAsync(consumer, "build");
        Assert.True(build.ExitCode == 0, build.ToString());

        CommandResult run = await Commands.DotNetAsync(consumer, Path.Combine("bin", "Debug", "net10.0", "Acme.Lab.dll"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            string.Join('\n', "servers before: 0", "created: lab-1 ACTIVE (job SUCCESS)", "servers after: 1", "wrong token: 401"),
            run.Output.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
    }
}
