using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace BmsGen.Generator.Parsing;

/// <summary>Turns wire names (<c>OS-EXT-STS:task_state</c>, <c>HARD_REBOOT</c>) into idiomatic C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary><c>OS-EXT-STS:task_state</c> → <c>OsExtStsTaskState</c>; <c>accessIPv4</c> → <c>AccessIPv4</c>.</summary>
    public static string ToPascal(string wireName, string fallback = "Value")
    {
        var builder = new StringBuilder(wireName.Length);
        foreach (string word in SplitWords(wireName))
        {
            bool allUpper = true;
            foreach (char c in word)
            {
                if (char.IsLower(c))
                {
                    allUpper = false;
                    break;
                }
            }

            builder.Append(char.ToUpperInvariant(word[0]));
            string rest = word.Substring(1);
            builder.Append(allUpper && word.Length > 1 ? rest.ToLowerInvariant() : rest);
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A camelCase identifier, <c>@</c>-escaped where it is a C# keyword.</summary>
    public static string ToCamel(string wireName)
    {
        string pascal = ToPascal(wireName);
        int upperRun = 0;
        while (upperRun < pascal.Length && char.IsUpper(pascal[upperRun]))
        {
            upperRun++;
        }

        // "IPAddress" → "ipAddress": lower the leading run except the letter that starts the next word.
        int lowerCount = upperRun <= 1 || upperRun == pascal.Length ? upperRun : upperRun - 1;
        string camel = pascal.Substring(0, lowerCount).ToLowerInvariant() + pascal.Substring(lowerCount);
        return IsKeyword(camel) ? "@" + camel : camel;
    }

    public static bool IsValidIdentifier(string name) => SyntaxFacts.IsValidIdentifier(name) && !IsKeyword(name);

    public static bool IsValidNamespace(string name)
    {
        foreach (string part in name.Split('.'))
        {
            if (!IsValidIdentifier(part))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    public static bool IsKeyword(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;

    private static IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text)
        {
            // Any Unicode letter or decimal digit may stand in a C# identifier: Größe stays Größe, 名前 stays 名前.
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
