using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>The C# names the reader gives types and their limits: inline type names, name lengths and codec shape names.</summary>
internal sealed partial class OpenApiReader
{
    /// <summary>
    /// The longest C# name taken from a spec. C# allows 512 characters; the emitters add prefixes and suffixes
    /// (<c>Read</c>, <c>Converter</c>, <c>TypeInfo</c>) of up to 32.
    /// </summary>
    public const int MaxNameLength = 480;

    /// <summary>Component schemas own their reserved name; inline schemas get a unique name from their context.</summary>
    private string NameFor(string contextName, string? reservedName, YamlNode at)
    {
        if (reservedName is not null)
        {
            return reservedName;
        }

        // A name that is too long is reported; the type keeps a short stand-in name so reading can go on.
        return CheckLength(contextName, at, "type") ? Identifiers.MakeUnique(contextName, _typeNames) : Identifiers.MakeUnique("TooLong", _typeNames);
    }

    /// <summary>Reports a C# name longer than <see cref="MaxNameLength"/> at the spec node it comes from.</summary>
    private bool CheckLength(string name, YamlNode at, string what)
    {
        if (name.Length <= MaxNameLength)
        {
            return true;
        }

        Report(SpecDiagnostics.TooComplex, at, $"The {what} name '{YamlLoader.Shorten(name)}' is {name.Length} characters long; names taken from a spec are limited to {MaxNameLength}");
        return false;
    }

    /// <summary>
    /// The codec names its array and map helpers after their shape (<c>ReadArrayOfString</c>); a schema whose C# name is
    /// such a shape name would get a second method of the same name, so it is reported at the schema.
    /// </summary>
    private void CheckShapeNames(List<OperationModel> operations)
    {
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        void Visit(TypeRef? type)
        {
            if (type is { Kind: TypeKind.Array or TypeKind.Map })
            {
                shapes.Add(ShapeName(type));
                Visit(type.Element);
            }
        }

        foreach (ObjectTypeModel type in _types.Values.OfType<ObjectTypeModel>())
        {
            foreach (PropertyModel property in type.Properties)
            {
                Visit(property.Type);
            }
        }

        foreach (UnionTypeModel type in _types.Values.OfType<UnionTypeModel>())
        {
            foreach (UnionVariantModel variant in type.Variants)
            {
                Visit(variant.Type);
            }
        }

        foreach (OperationModel operation in operations)
        {
            Visit(operation.RequestBody?.Type);
            Visit(operation.ResponseType);
        }

        foreach (string name in _types.Keys.Where(shapes.Contains).OrderBy(n => n, StringComparer.Ordinal))
        {
            YamlNode? at = _components.Where(c => c.Value.ClrName == name).Select(c => (YamlNode?)c.Value.Node).FirstOrDefault();
            Report(SpecDiagnostics.DuplicateName, at, $"The schema name '{name}' is also the name the JSON code gives to a list or map shape the spec uses; rename the schema");
        }
    }

    private static string ShapeName(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => type.Name!,
        TypeKind.Array => "ArrayOf" + ShapeName(type.Element!),
        TypeKind.Map => "MapOf" + ShapeName(type.Element!),
        TypeKind.Any => "Json",
        // A date and time is carried as its text: its lists and maps share the string shapes' helpers.
        TypeKind.DateTime => nameof(TypeKind.String),
        TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Boolean => type.Kind.ToString(),
        _ => throw new InvalidOperationException($"Unknown type kind {type.Kind}."),
    };

    /// <summary>Array and map shapes get codec helpers named after them (<c>ArrayOfMapOfString</c>); their names are bounded too.</summary>
    private bool CheckShape(TypeRef shape, YamlNode at)
    {
        static int Length(TypeRef type) => type.Kind switch
        {
            TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => type.Name!.Length,
            TypeKind.Array => "ArrayOf".Length + Length(type.Element!),
            TypeKind.Map => "MapOf".Length + Length(type.Element!),
            _ => type.Kind.ToString().Length,
        };

        int length = Length(shape);
        if (length <= MaxNameLength)
        {
            return true;
        }

        Report(SpecDiagnostics.TooComplex, at, $"Arrays and maps nest so deep that their codec name is {length} characters long; the limit is {MaxNameLength}");
        return false;
    }

    /// <summary>Reserves the names of the members generated beside an operation's method; false after reporting a clash.</summary>
    private bool ReserveMemberNames(OperationModel operation, HashSet<string> methodNames, YamlNode location)
    {
        var names = new List<string> { MemberNames.WithResponse(operation.OperationId) };
        if (operation.Paging is not null)
        {
            names.Add(MemberNames.Pages(operation.OperationId));
            names.Add(MemberNames.All(operation.OperationId));
        }

        if (operation.Job is not null || _jobOperations.Any(j => j.OperationId == operation.OperationId))
        {
            names.Add(MemberNames.AndWait(operation.OperationId));
        }

        foreach (string name in names)
        {
            if (!methodNames.Add(name))
            {
                Report(SpecDiagnostics.DuplicateName, location, $"operationId '{operation.OperationId}' would generate the method '{name}', which another operation already uses");
                return false;
            }
        }

        return true;
    }
}
