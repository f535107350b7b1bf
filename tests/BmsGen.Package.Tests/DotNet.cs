using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace BmsGen.Package.Tests;

/// <summary>The outcome of one command: its exit code and everything it printed.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public override string ToString() => $"$ {Command}\n(exit {ExitCode})\n{Output}";
}

/// <summary>Runs the .NET CLI and programs the way a user at a shell does, isolated from the test run's own build.</summary>
internal static class Commands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static Task<CommandResult> DotNetAsync(string workingDirectory, params string[] arguments) =>
        RunAsync("dotnet", workingDirectory, arguments);

    public static async Task<CommandResult> RunAsync(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test run's own MSBuild settings must not reach the consumer's build; nor may build nodes outlive it.
        var inherited = new List<string>();
        foreach (string key in start.Environment.Keys)
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                inherited.Add(key);
            }
        }

        inherited.ForEach(key => start.Environment.Remove(key));
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' in {workingDirectory} did not finish within {Timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}", process.ExitCode, output.ToString());
        }
    }
}
