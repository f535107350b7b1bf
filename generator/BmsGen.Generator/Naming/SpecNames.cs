using System;
using System.Text;
using BmsGen.Generator.Model;
using BmsGen.Generator.Parsing;

namespace BmsGen.Generator.Naming;

/// <summary>
/// Chooses the generated client's name and namespace. Each comes from the first of: the spec item's MSBuild
/// metadata (<c>ClientName</c>, <c>Namespace</c>), the spec's <c>info.x-client-name</c> / <c>info.x-namespace</c>,
/// and a default: the client name from the spec's file name (<c>volumes.yaml</c> → <c>VolumesClient</c>), the
/// namespace from the consuming project's <c>RootNamespace</c>.
/// </summary>
internal static class SpecNames
{
    /// <summary>The namespace when nothing names one and the project has no usable root namespace.</summary>
    public const string FallbackNamespace = "BmsGen.Generated";

    public static (string ClientName, string Namespace) Resolve(SpecInput input, string? specClientName, string? specNamespace) =>
        (input.ClientNameOverride ?? specClientName ?? ClientNameFromFile(input.FilePath),
         input.NamespaceOverride ?? specNamespace ?? NamespaceFromRoot(input.RootNamespace) ?? FallbackNamespace);

    /// <summary><c>volumes.yaml</c> → <c>VolumesClient</c>, <c>my-api.v2.yaml</c> → <c>MyApiV2Client</c>, <c>ecs-client.yml</c> → <c>EcsClient</c>.</summary>
    public static string ClientNameFromFile(string filePath)
    {
        string name = filePath.Substring(filePath.LastIndexOfAny(['/', '\\']) + 1);
        foreach (string extension in new[] { ".yaml", ".yml", ".json" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - extension.Length);
                break;
            }
        }

        string pascal = Identifiers.ToPascal(name, fallback: "Api");
        return pascal.EndsWith("Client", StringComparison.Ordinal) && pascal.Length > "Client".Length ? pascal : pascal + "Client";
    }

    /// <summary>
    /// The project's root namespace made valid the way project templates do (<c>my-app</c> → <c>my_app</c>,
    /// <c>2048.Game</c> → <c>_2048.Game</c>); null when it is empty.
    /// </summary>
    public static string? NamespaceFromRoot(string? rootNamespace)
    {
        if (rootNamespace is null || rootNamespace.Trim().Length == 0)
        {
            return null;
        }

        var result = new StringBuilder();
        foreach (string part in rootNamespace.Trim().Split('.'))
        {
            var identifier = new StringBuilder(part.Length + 1);
            foreach (char c in part)
            {
                identifier.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            }

            if (identifier.Length == 0)
            {
                continue;
            }

            if (char.IsDigit(identifier[0]) || Identifiers.IsKeyword(identifier.ToString()))
            {
                identifier.Insert(0, '_');
            }

            result.Append(result.Length == 0 ? string.Empty : ".").Append(identifier);
        }

        return result.Length == 0 ? null : result.ToString();
    }
}
