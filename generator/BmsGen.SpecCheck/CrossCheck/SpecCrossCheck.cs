using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Generator.Model;
using NSwag;

namespace BmsGen.SpecCheck.CrossCheck;

/// <summary>The checks that do not trust the generator's own reader: the raw key walk and the NSwag comparison.</summary>
internal static class SpecCrossCheck
{
    /// <summary>
    /// Every key that is neither OpenAPI nor an <c>x-</c> extension, whether NSwag loads the spec, and every difference
    /// between NSwag's reading and <paramref name="model"/>; empty when the spec passes.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string filePath, string yaml, SpecModel model, CancellationToken cancellationToken)
    {
        var problems = new List<string>(OpenApiKeyCheck.Check(filePath, yaml));
        (OpenApiDocument? document, string? loadProblem) = await NSwagCrossCheck.LoadAsync(filePath, yaml, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            problems.Add(loadProblem!);
            return problems;
        }

        problems.AddRange(NSwagCrossCheck.Compare(document, model));
        return problems;
    }
}
