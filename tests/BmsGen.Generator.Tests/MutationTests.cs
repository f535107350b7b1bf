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

    /// <summary>
    /// Grafts hostile pieces onto the valid spec: alias cycles and alias fan-out, megabyte names and texts, line and
    /// paragraph separators and control characters in every kind of text, huge enums and thousands of members, deep
    /// nesting, malformed type lists. Each kind of graft has one right outcome, and the test demands exactly it: a
    /// refusal with the diagnostic that names the problem at a line of the graft, or code that builds as a consumer
    /// build does (doc comments checked, warnings as errors, emitted to an assembly).
    /// </summary>
    [Fact]
    public void Hostile_grafts_end_in_the_located_error_they_deserve_or_in_code_that_builds()
    {
        string original = File.ReadAllText(GeneratorHarness.SpecPath("servers-mini.yaml")).TrimEnd('\n') + "\n";
        int graftLine = original.Split('\n').Length;
        var random = new Random(20261130);
        string[] texts = { "\\u2028", "\\u2029", "\\u0085", "\\u0001", "\\u001b", "\\u007f", "<b>&amp;]]>", "\\\"*/", "\\ud83d\\ude00", "x" };
        for (int i = 0; i < 16; i++)
        {
            // Every separator and control character once, then a random mix.
            string Text() => i < 8 ? string.Concat(texts.Take(6)) : string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => texts[random.Next(texts.Length)]));
            int nameLength = random.Next(400, 2000);
            int depth = random.Next(50, 200);
            (string graft, string? expectedError, string because) = (i % 8) switch
            {
                0 => ("    Cyc: &cyc {type: object, properties: {a: {type: array, items: *cyc}}}\n", "BMSGEN001", "cycle"),
                1 => ("    Fan: &fan {type: object, properties: {a: {type: string}}}\n    Fan2: {type: object, properties: {" + string.Join(", ", Enumerable.Range(0, random.Next(50, 200)).Select(n => $"f{n}: *fan")) + "}}\n", null, string.Empty),
                2 => ($"    Long:\n      type: object\n      description: \"{new string('d', random.Next(100_000, 1_000_000))}\"\n      properties:\n        ? {new string('p', nameLength)}\n        : {{type: string}}\n",
                      nameLength > 480 ? "BMSGEN010" : null, "characters long"),
                3 => ($"    Sep:\n      type: object\n      description: \"{Text()}\"\n      properties:\n        \"{Text()}\": {{type: string, description: \"{Text()}\", default: \"{Text()}\"}}\n        kind: {{type: string, enum: [\"{Text()}\", \"{Text()}y\"], description: \"{Text()}\"}}\n", null, string.Empty),
                4 => ("    Many: {type: string, enum: [" + string.Join(", ", Enumerable.Range(0, random.Next(500, 2000)).Select(n => "v" + n)) + "]}\n", null, string.Empty),
                5 => ("    Wide:\n      type: object\n      properties:\n" + string.Concat(Enumerable.Range(0, random.Next(150, 600)).Select(n => $"        m{n}: {{type: {(n % 2 == 0 ? "integer" : "string")}}}\n")), null, string.Empty),
                6 => ($"    Deep: &deep0 {{type: array, items: {new string('[', depth)}}}\n", depth > 120 ? "BMSGEN010" : "BMSGEN001", depth > 120 ? "deeper than" : "syntax error"),
                _ => ($"    Nul:\n      type: object\n      properties:\n        a: {{type: [integer, 'null']}}\n        b: {{type: {(random.Next(2) == 0 ? "[]" : "{a: b}")}}}\n", "BMSGEN002", "'type'"),
            };

            GeneratorRun run = GeneratorHarness.Run(original + graft, "/specs/grafted.yaml");

            Assert.Null(run.Exception);
            string context = $"graft {i} ({graft.Substring(0, Math.Min(60, graft.Length)).Trim()}…)";
            if (expectedError is null)
            {
                Assert.True(run.GeneratorDiagnostics.IsEmpty, $"{context} was refused: {string.Join("\n", run.GeneratorDiagnostics.Select(d => d.GetMessage()))}");
                Assert.True(run.CompilationDiagnostics.IsEmpty, $"{context} compiled with errors:\n{string.Join("\n", run.CompilationDiagnostics.Take(5))}");
                string[] emitted = GeneratorHarness.Emit(run);
                Assert.True(emitted.Length == 0, $"{context} failed to emit:\n{string.Join("\n", emitted.Take(5))}");
            }
            else
            {
                Assert.True(run.Sources.Count == 0, $"{context}: expected {expectedError} ({because}), but it generated code; the compiler reports {run.CompilationDiagnostics.Length} problems, emitting {GeneratorHarness.Emit(run).Length}");
                Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
                string message = diagnostic.GetMessage();
                Assert.True(diagnostic.Id == expectedError && message.Contains(because, StringComparison.Ordinal), $"{context}: expected {expectedError} ({because}), got {diagnostic.Id}: {message}");
                FileLinePositionSpan at = diagnostic.Location.GetLineSpan();
                Assert.Equal("/specs/grafted.yaml", at.Path);
                Assert.True(at.StartLinePosition.Line + 1 >= graftLine, $"{context} reported before the graft, at line {at.StartLinePosition.Line + 1}: {message}");
                Assert.True(message.Length < 2_000, $"{context}: the message repeats the hostile text");
            }
        }
    }
}
