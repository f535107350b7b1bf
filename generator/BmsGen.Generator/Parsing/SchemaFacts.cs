using System.Collections.Generic;
using System.Globalization;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>Facts read from a schema without reporting: its typed default and its constraints as doc text.</summary>
internal static class SchemaFacts
{
    /// <summary>
    /// The documented default of a scalar property, normalised to its invariant text, or null when the kind has no
    /// literal form or the text does not parse as that kind (the default then stays in the doc comment only).
    /// </summary>
    public static string? DefaultFor(TypeKind kind, string? text)
    {
        if (text is null)
        {
            return null;
        }

        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        return kind switch
        {
            TypeKind.String or TypeKind.Enum => text,
            TypeKind.Boolean when bool.TryParse(text, out bool flag) => flag ? "true" : "false",
            TypeKind.Int32 when int.TryParse(text, integer, CultureInfo.InvariantCulture, out int value) => value.ToString(CultureInfo.InvariantCulture),
            TypeKind.Int64 when long.TryParse(text, integer, CultureInfo.InvariantCulture, out long value) => value.ToString(CultureInfo.InvariantCulture),
            TypeKind.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value) && !double.IsInfinity(value) => value.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    public static string? DescribeConstraints(YamlMapping? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var parts = new List<string>();
        void Add(string key, string label)
        {
            if (schema.GetString(key) is string value)
            {
                parts.Add(label + " " + value);
            }
        }

        Add("minLength", "Minimum length");
        Add("maxLength", "Maximum length");
        Add("minimum", "Minimum");
        Add("maximum", "Maximum");
        Add("minItems", "Minimum items");
        Add("maxItems", "Maximum items");
        Add("pattern", "Pattern");
        Add("default", "Default");
        Add("x-min-microversion", "Since Nova microversion");
        Add("format", "Format");
        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }
}
