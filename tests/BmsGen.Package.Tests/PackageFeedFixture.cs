using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

namespace BmsGen.Package.Tests;

/// <summary>
/// Packs BmsGen.Runtime, BmsGen.Generator, BmsGen.SpecCheck, BmsGen.Client and BmsGen.Simulator once into a temporary
/// local feed, from a copy of this repository's sources so the repository's own build output is left alone. The version is unique per run
/// (prerelease suffix): NuGet's global package cache keeps a package of a given id and version forever, so reusing
/// one would silently restore stale packages.
/// </summary>
public sealed class PackageFeedFixture : IAsyncLifetime
{
    /// <summary>The projects of the packed packages (the generator itself packs nothing: its package project does).</summary>
    private static readonly string[] PackedProjects =
    [
        "src/BmsGen.Runtime/BmsGen.Runtime.csproj",
        "generator/BmsGen.Generator/BmsGen.Generator.csproj",
        "generator/BmsGen.Generator.Package/BmsGen.Generator.Package.csproj",
        "generator/BmsGen.SpecCheck/BmsGen.SpecCheck.csproj",
        "src/BmsGen.Client/BmsGen.Client.csproj",
        "src/BmsGen.Simulator/BmsGen.Simulator.csproj",
    ];

    /// <summary>Folders the packed projects read besides their own: the specs the ready-made clients are generated from.</summary>
    private static readonly string[] SharedFolders = ["specs"];

    private static readonly string[] PackageIds = ["bmsgen.runtime", "bmsgen.generator", "bmsgen.speccheck", "bmsgen.client", "bmsgen.simulator"];

    public PackageFeedFixture()
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 10000);
        Version = $"{Metadata("BmsGenVersionPrefix")}-t{stamp}";
        Root = Path.Combine(Path.GetTempPath(), "bmsgen-package-tests-" + stamp);
        Feed = Path.Combine(Root, "feed");
    }

    /// <summary>The version every package in the feed carries.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding the feed, the copied sources and the consumers; outside the repository.</summary>
    public string Root { get; }

    public string Feed { get; }

    public CommandResult Pack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string repository = Metadata("BmsGenRoot");
        string sources = Path.Combine(Root, "sources");
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "README.md" })
        {
            Directory.CreateDirectory(sources);
            File.Copy(Path.Combine(repository, file), Path.Combine(sources, file));
        }

        foreach (string folder in PackedProjects.Select(p => Path.GetDirectoryName(p)!).Concat(SharedFolders))
        {
            CopyProjectFolder(Path.Combine(repository, folder), Path.Combine(sources, folder));
        }

        File.WriteAllText(
            Path.Combine(sources, "packages.slnx"),
            "<Solution>\n" + string.Concat(PackedProjects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");

        // The copy is not a git clone: source control queries (SourceLink) have nothing to read there.
        Pack = await Commands.DotNetAsync(
            sources,
            "pack", "packages.slnx", "-c", "Release", "-o", Feed,
            $"-p:VersionSuffix={Version[(Version.IndexOf('-') + 1)..]}",
            "-p:ContinuousIntegrationBuild=false", "-p:EnableSourceControlManagerQueries=false");
    }

    /// <summary>
    /// A fresh consumer project in its own temporary folder, made from the files of <paramref name="template"/>
    /// (<c>Consumer</c>: one PackageReference to the generator, one spec, a Program; <c>SimulatorConsumer</c>: the
    /// simulator and ready-made client packages, a Program).
    /// </summary>
    public string NewConsumer(string name, string template = "Consumer")
    {
        Assert.True(Pack.ExitCode == 0, Pack.ToString());
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, template)))
        {
            string text = File.ReadAllText(file).Replace("$BMSGEN_VERSION$", Version, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, Path.GetFileName(file)), text);
        }

        // Stop MSBuild's and NuGet's upward search: nothing of the surrounding folders may shape this project.
        foreach (string stub in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, stub), "<Project />\n");
        }

        // The temporary feed next to the sources this machine already restores from.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="bmsgen-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return directory;
    }

    public Task DisposeAsync()
    {
        TryDelete(Root);
        // Only this run's unique version, which no other build can want.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in PackageIds)
        {
            TryDelete(Path.Combine(cache, id, Version.ToLowerInvariant()));
        }

        return Task.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopyProjectFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string directory in Directory.GetDirectories(from))
        {
            string name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyProjectFolder(directory, Path.Combine(to, name));
            }
        }
    }

    private static string Metadata(string key) =>
        typeof(PackageFeedFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeedFixture>
{
    public const string Name = "Package feed";
}
