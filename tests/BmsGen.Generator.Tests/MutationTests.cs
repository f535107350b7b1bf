using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// Feeds seeded random damage of a valid spec to the generator: whatever comes in, it either reports located
/// diagnostics or emits code that compiles, and never throws.
/// </summary>
public sealed class MutationTests
{
    [Fact]
    public void Damaged_specs_give_diagnostics_or_compiling_code_never_an_exception()
    {
        string original = File.ReadAllText(GeneratorHarness.SpecPath("servers-mini.yaml"));
        var random = new Random(20261122);
        const string noise = "{}[]:,-'\"#&*!|>%@` \t\nabc0\u00e9";
        int withDiagnostics = 0;
        for (int i = 0; i < 200; i++)
        {
            string damaged = Mutate(original, random, noise);

            GeneratorRun run = GeneratorHarness.Run(damaged, "/specs/damaged.yaml");

            Assert.Null(run.Exception);
            // Errors stop the spec's code; warnings (an unknown key) leave it, and it must compile.
            if (run.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error))
            {
                withDiagnostics++;
                Assert.Empty(run.Sources);
                Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("/specs/damaged.yaml", d.Location.GetLineSpan().Path));
            }
            else
            {
                Assert.True(run.CompilationDiagnostics.IsEmpty, $"mutation {i} compiled with errors:\n{damaged}\n{string.Join("\n", run.CompilationDiagnostics)}");
            }
        }

        // The damage must actually exercise the error paths, not only harmless edits.
        Assert.InRange(withDiagnostics, 50, 200);
    }

    private static string Mutate(string text, Random random, string noise)
    {
        string[] lines = text.Split('\n');
        switch (random.Next(5))
        {
            case 0:
                return string.Join('\n', lines.Where((_, index) => index != random.Next(lines.Length)));
            case 1:
                int duplicate = random.Next(lines.Length);
                return string.Join('\n', lines.Take(duplicate + 1).Concat(lines.Skip(duplicate)));
            case 2:
                return text.Substring(0, random.Next(text.Length));
            case 3:
                var builder = new StringBuilder(text);
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    builder.Insert(random.Next(builder.Length), noise[random.Next(noise.Length)]);
                }

                return builder.ToString();
            default:
                int swap = random.Next(lines.Length - 1);
                (lines[swap], lines[swap + 1]) = (lines[swap + 1], lines[swap]);
                return string.Join('\n', lines);
        }
    }
}
