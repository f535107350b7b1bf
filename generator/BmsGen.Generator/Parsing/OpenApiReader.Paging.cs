using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>The <c>x-paging</c> client extension of a list operation.</summary>
internal sealed partial class OpenApiReader
{
    private static readonly Dictionary<string, PagingStyle> PagingStyles = new(StringComparer.Ordinal)
    {
        ["marker"] = PagingStyle.Marker,
        ["next-marker"] = PagingStyle.NextMarker,
        ["page-number"] = PagingStyle.PageNumber,
        ["offset"] = PagingStyle.Offset,
    };

    /// <summary>
    /// Reads <c>x-paging: {style, items, limit, marker | offset, next, total}</c>: the paging style, the response's
    /// item array, the query parameters that carry the page size and the cursor, and the fields that name the next
    /// marker (marker styles) and the total (optional).
    /// </summary>
    private PagingModel? ReadPaging(YamlNode node, string operationId, YamlMapping operation, List<ParameterModel> parameters, TypeRef? response)
    {
        if (node is not YamlMapping paging)
        {
            ReportExtension(node, $"x-paging of {operationId} must be a mapping with style and items");
            return null;
        }

        string? styleText = paging.GetString("style");
        if (styleText is null || !PagingStyles.TryGetValue(styleText, out PagingStyle style))
        {
            ReportExtension(paging["style"] ?? paging, $"x-paging of {operationId} has the unknown style '{styleText ?? "(missing)"}'; use marker, next-marker, page-number or offset");
            return null;
        }

        if (response is not { Kind: TypeKind.Object } || ObjectType(response.Name) is not ObjectTypeModel page)
        {
            ReportExtension(paging, $"x-paging of {operationId} needs a JSON object response that holds the items");
            return null;
        }

        string? itemsName = paging.GetString("items");
        PropertyModel? items = page.AllProperties.FirstOrDefault(p => p.WireName == itemsName);
        if (items is not { Type.Kind: TypeKind.Array })
        {
            ReportExtension(paging["items"] ?? paging, $"x-paging of {operationId}: items '{itemsName ?? "(missing)"}' must name an array property of {page.Name}");
            return null;
        }

        if (items.Type.ElementNullable)
        {
            ReportExtension(paging["items"] ?? paging, $"x-paging of {operationId}: the items of '{itemsName}' may be null, but a walk yields items, never null");
            return null;
        }

        bool markerStyle = style is PagingStyle.Marker or PagingStyle.NextMarker;
        ParameterModel? limit = PagingParameter(paging, "limit", operationId, parameters, TypeKind.Int32);
        ParameterModel? cursor = markerStyle
            ? PagingParameter(paging, "marker", operationId, parameters, TypeKind.String)
            : PagingParameter(paging, "offset", operationId, parameters, TypeKind.Int32);
        if (limit is null || cursor is null)
        {
            return null;
        }

        var next = new List<PropertyModel>();
        string? rel = null;
        string? href = null;
        PropertyModel? relProperty = null;
        if (markerStyle)
        {
            string? nextPath = paging.GetString("next");
            if (nextPath is null || !ResolvePropertyPath(page, nextPath, next))
            {
                ReportExtension(paging["next"] ?? paging, $"x-paging of {operationId}: next '{nextPath ?? "(missing)"}' must be a path of properties of {page.Name}");
                return null;
            }

            TypeRef nextType = next[next.Count - 1].Type;
            if (style == PagingStyle.NextMarker && nextType.Kind != TypeKind.String)
            {
                ReportExtension(paging["next"]!, $"x-paging of {operationId}: next '{nextPath}' must lead to a string (the next marker), not {nextType.Kind}");
                return null;
            }

            if (style == PagingStyle.Marker)
            {
                ObjectTypeModel? link = nextType is { Kind: TypeKind.Array, Element.Kind: TypeKind.Object } ? ObjectType(nextType.Element.Name) : null;
                relProperty = link?.AllProperties.FirstOrDefault(p => p.WireName == "rel" && p.Type.Kind is TypeKind.String or TypeKind.Enum);
                rel = relProperty?.ClrName;
                href = link?.AllProperties.FirstOrDefault(p => p.WireName == "href" && p.Type.Kind == TypeKind.String)?.ClrName;
                if (rel is null || href is null)
                {
                    ReportExtension(paging["next"]!, $"x-paging of {operationId}: next '{nextPath}' must lead to an array of links with a string rel and href");
                    return null;
                }
            }
        }

        var total = new List<PropertyModel>();
        if (paging.GetString("total") is string totalPath
            && (!ResolvePropertyPath(page, totalPath, total) || total[total.Count - 1].Type.Kind is not (TypeKind.Int32 or TypeKind.Int64)))
        {
            ReportExtension(paging["total"]!, $"x-paging of {operationId}: total '{totalPath}' must be a path to an integer property of {page.Name}");
            return null;
        }

        return new PagingModel(
            style,
            items.WireName,
            items.ClrName,
            items.Type.Element!,
            limit.ClrName,
            DefaultOf(operation, limit.WireName),
            cursor.ClrName,
            next.Select(p => p.ClrName).ToImmutableEquatableArray(),
            rel,
            relProperty?.Type.Kind == TypeKind.Enum,
            relProperty?.Required ?? false,
            href,
            total.Select(p => p.ClrName).ToImmutableEquatableArray());
    }

    /// <summary>The optional query parameter an <c>x-paging</c> key names (by default the key itself), of the kind paging needs.</summary>
    private ParameterModel? PagingParameter(YamlMapping paging, string key, string operationId, List<ParameterModel> parameters, TypeKind kind)
    {
        string name = paging.GetString(key) ?? key;
        ParameterModel? parameter = parameters.FirstOrDefault(p => p.Location == ParameterLocation.Query && p.WireName == name);
        // The page size is the caller's choice; a cursor may be required (a list that documents offset as mandatory).
        if (parameter is null || parameter.Type.Kind != kind || (parameter.Required && key == "limit"))
        {
            string problem = parameter is null ? "the operation declares no such query parameter" : parameter.Type.Kind != kind ? $"it must be of type {(kind == TypeKind.String ? "string" : "integer (int32)")}" : "it must be optional";
            ReportExtension(paging[key] ?? paging, $"x-paging of {operationId}: {key} parameter '{name}': {problem}");
            return null;
        }

        return parameter;
    }

    /// <summary>The documented integer default of a query parameter (its schema's <c>default</c>), read without reporting.</summary>
    private int? DefaultOf(YamlMapping operation, string wireName)
    {
        foreach (YamlNode item in (operation["parameters"] as YamlSequence)?.Items ?? new List<YamlNode>())
        {
            YamlMapping? parameter = item as YamlMapping;
            if (parameter?.GetString("$ref") is string reference && reference.StartsWith("#/components/parameters/", StringComparison.Ordinal))
            {
                parameter = ((_root["components"] as YamlMapping)?["parameters"] as YamlMapping)?[reference.Substring("#/components/parameters/".Length)] as YamlMapping;
            }

            if (parameter?.GetString("name") == wireName && parameter["schema"] is YamlMapping schema
                && int.TryParse(schema.GetString("default"), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
            {
                return value;
            }
        }

        return null;
    }
}
