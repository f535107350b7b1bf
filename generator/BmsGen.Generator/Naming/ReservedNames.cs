using System;
using System.Collections.Generic;

namespace BmsGen.Generator.Naming;

/// <summary>
/// The names the generated code takes for itself in each scope, which a name from a spec may not take. The
/// emitters write these names; the naming step reserves them before the spec's names claim theirs.
/// </summary>
internal static class ReservedNames
{
    /// <summary>Members every class and struct inherits from object: a property or enum value must not hide one.</summary>
    public static readonly string[] ObjectMembers = { "GetType", "ToString", "Equals", "GetHashCode", "MemberwiseClone", "ReferenceEquals", "Finalize" };

    /// <summary>The members a generated string enum declares besides its values (ModelEmitter).</summary>
    public static readonly string[] EnumMembers = { "Value", "IsKnown", "_value", "s_knownValues" };

    /// <summary>The members an undiscriminated oneOf/anyOf type declares besides its accessors (ModelEmitter).</summary>
    public static readonly string[] UnionMembers = { "Json" };

    /// <summary>The members of the generated client class besides the operations' methods (ClientEmitter).</summary>
    public static readonly string[] ClientMembers = { "Options", "_transport" };

    /// <summary>The members of the JsonSerializerContext that a type's metadata property must not take (JsonContextEmitter).</summary>
    public static readonly HashSet<string> JsonContextMembers = new(StringComparer.Ordinal)
    {
        "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "Create", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
    };

    /// <summary>The parameter and local names of every method generated for an operation (ClientEmitter).</summary>
    public static readonly string[] OperationLocals = { "cancellationToken", "body", "request" };

    /// <summary>The locals of a paged operation's paging descriptor and its lambdas.</summary>
    public static readonly string[] PagingLocals = { "pageSize", "cursor", "page", "link" };

    /// <summary>The parameter and locals of the method that waits for an operation's job.</summary>
    public static readonly string[] JobLocals = { "waitOptions", "submitted", "jobId", "id" };
}
