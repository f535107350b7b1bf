namespace BmsGen.Generator.Model;

/// <summary>
/// Where a generated name comes from: what it names (<c>schema</c>, <c>property</c>, …), the spec's own name for it
/// and that name's position, and the spec's <c>x-csharp-name</c> override with its position when there is one. The
/// reader records it; the naming step reads it to report a collision at both lines and then drops it, so the model
/// the emitters see holds no positions (a spec edit that only moves lines re-emits nothing).
/// </summary>
internal sealed record NameOrigin(
    string Kind,
    string SpecName,
    int Line,
    int Column,
    string? Override = null,
    int OverrideLine = 0,
    int OverrideColumn = 0);
