using BmsGen.Generator.Parsing;

namespace BmsGen.Generator.Naming;

/// <summary>
/// How a spec name becomes the C# name the naming step is asked to grant: the spec's <c>x-csharp-name</c> when it
/// is a usable identifier, otherwise the spec name in C# casing. The reader asks here (a type's name is its identity
/// while the spec is read); <see cref="NameAssigner"/> decides whether the names can all be kept.
/// </summary>
internal static class NameRules
{
    /// <summary>The extension that chooses the C# name of a schema, property, parameter or operation.</summary>
    public const string OverrideKey = "x-csharp-name";

    /// <summary>The extension of an enum schema that maps wire values to the C# names of their members.</summary>
    public const string EnumOverrideKey = "x-csharp-enum-names";

    /// <summary>
    /// Whether an <c>x-csharp-name</c> can be used as given: a C# identifier that is not a keyword, holds no
    /// <c>__</c> (the generated code's own helpers have it) and is not longer than names taken from a spec may be.
    /// </summary>
    public static bool IsUsableOverride(string name) =>
        Identifiers.IsValidIdentifier(name) && !name.StartsWith("@", System.StringComparison.Ordinal) && name.IndexOf("__", System.StringComparison.Ordinal) < 0 && name.Length <= NameAssigner.MaxNameLength;

    /// <summary>A schema's type name: <c>server_detail</c> → <c>ServerDetail</c>.</summary>
    public static string Type(string specName, string? nameOverride) => Choose(nameOverride) ?? Identifiers.ToPascal(specName);

    /// <summary>A property: <c>OS-EXT-STS:task_state</c> → <c>OsExtStsTaskState</c>.</summary>
    public static string Property(string wireName, string? nameOverride) => Choose(nameOverride) ?? Identifiers.ToPascal(wireName);

    /// <summary>A parameter, camelCase and <c>@</c>-escaped where it is a keyword: <c>server_id</c> → <c>serverId</c>.</summary>
    public static string Parameter(string wireName, string? nameOverride) => Choose(nameOverride) ?? Identifiers.ToCamel(wireName);

    /// <summary>An operation's member base name: the operationId as it is when it is already PascalCase, else in PascalCase.</summary>
    public static string Operation(string operationId, string? nameOverride) =>
        Choose(nameOverride) ?? (Identifiers.IsValidIdentifier(operationId) && char.IsUpper(operationId[0]) ? operationId : Identifiers.ToPascal(operationId));

    /// <summary>An enum value's member: <c>HARD_REBOOT</c> → <c>HardReboot</c>, <c>26</c> → <c>Value26</c>, empty → <c>Empty</c>.</summary>
    public static string EnumMember(string wireValue, string? nameOverride)
    {
        if (Choose(nameOverride) is string chosen)
        {
            return chosen;
        }

        string pascal = Identifiers.ToPascal(wireValue, "Empty");
        return pascal.StartsWith("_", System.StringComparison.Ordinal) ? "Value" + pascal.Substring(1) : pascal;
    }

    /// <summary>
    /// The codec's local for a member: camelCase plus <c>Value</c>. Distinct member names can give the same local
    /// (<c>IPAddress</c> and <c>IpAddress</c>); the naming step numbers those, which nobody outside the codec sees.
    /// </summary>
    public static string Local(string memberName) => Identifiers.ToCamel(memberName).TrimStart('@') + "Value";

    /// <summary>The name used when an override is not usable; the naming step reports the override.</summary>
    private static string? Choose(string? nameOverride) => nameOverride is not null && IsUsableOverride(nameOverride) ? nameOverride : null;
}
