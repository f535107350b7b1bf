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
    /// paragraph separators and control characters in every kind of text, huge enums and thousands of members. Each
    /// result either carries a located error and no code, or compiles under the consumer's settings.
    /// </summary>
    [Fact]
    public void Hostile_grafts_give_located_errors_or_compiling_code()
    {
        string original = File.ReadAllText(GeneratorHarness.SpecPath("servers-mini.yaml")).TrimEnd('\n') + "\n";
        var random = new Random(20261130);
        string[] texts = { "\\u2028", "\\u2029", "\\u0085", "\\u0001", "\\u001b", "\\u007f", "<b>&amp;]]>", "\\\"*/", "\\ud83d\\ude00", "x" };
        int errors = 0;
        int compiled = 0;
        for (int i = 0; i < 16; i++)
        {
            string Text() => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => texts[random.Next(texts.Length)]));
            string graft = (i % 8) switch
            {
                0 => "    Cyc: &cyc {type: object, properties: {a: {type: array, items: *cyc}}}\n",
                1 => "    Fan: &fan {type: object, properties: {a: {type: string}}}\n    Fan2: {type: object, properties: {" + string.Join(", ", Enumerable.Range(0, random.Next(100, 1000)).Select(n => $"f{n}: *fan")) + "}}\n",
                2 => $"    Long:\n      type: object\n      description: \"{new string('d', random.Next(100_000, 1_000_000))}\"\n      properties:\n        {new string('p', random.Next(400, 2000))}: {{type: string}}\n",
                3 => $"    Sep:\n      type: object\n      description: \"{Text()}\"\n      properties:\n        \"{Text()}\": {{type: string, description: \"{Text()}\", default: \"{Text()}\"}}\n        kind: {{type: string, enum: [\"{Text()}\", \"{Text()}\"], description: \"{Text()}\"}}\n",
                4 => "    Many: {type: string, enum: [" + string.Join(", ", Enumerable.Range(0, random.Next(500, 2000)).Select(n => "v" + n)) + "]}\n",
                5 => "    Wide:\n      type: object\n      properties:\n" + string.Concat(Enumerable.Range(0, random.Next(150, 600)).Select(n => $"        m{n}: {{type: {(n % 2 == 0 ? "integer" : "string")}}}\n")),
                6 => $"    Deep: &deep0 {{type: array, items: {new string('[', random.Next(50, 200))}}}\n",
                _ => $"    Nul:\n      type: object\n      properties:\n        a: {{type: [integer, 'null']}}\n        b: {{type: {(random.Next(2) == 0 ? "[]" : "{a: b}")}}}\n",
            };

            GeneratorRun run = GeneratorHarness.Run(original + graft, "/specs/grafted.yaml");

            Assert.Null(run.Exception);
            if (run.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error))
            {
                errors++;
                Assert.Empty(run.Sources);
                Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("/specs/grafted.yaml", d.Location.GetLineSpan().Path));
                Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.Location.GetLineSpan().StartLinePosition.Line > 0, $"graft {i} reported at the first line: {d.GetMessage()}"));
                Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.GetMessage().Length < 2_000, $"graft {i}: the message repeats the hostile text"));
            }
            else
            {
                compiled++;
                Assert.True(run.CompilationDiagnostics.IsEmpty, $"graft {i} compiled with errors:\n{string.Join("\n", run.CompilationDiagnostics.Take(5))}");
            }
        }

        // Both outcomes must be exercised.
        Assert.InRange(errors, 4, 12);
        Assert.InRange(compiled, 4, 12);
    }
}
