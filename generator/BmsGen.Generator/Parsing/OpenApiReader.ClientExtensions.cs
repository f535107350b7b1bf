using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>What the client-surface extensions (<c>x-paging</c>, <c>x-job</c>) share: property paths, model lookups and their diagnostic.</summary>
internal sealed partial class OpenApiReader
{
    /// <summary>Follows a dotted path of wire names (<c>page_info.next_marker</c>) through object properties.</summary>
    private bool ResolvePropertyPath(ObjectTypeModel start, string path, List<PropertyModel> result)
    {
        ObjectTypeModel? current = start;
        foreach (string segment in path.Split('.'))
        {
            PropertyModel? property = current?.AllProperties.FirstOrDefault(p => p.WireName == segment);
            if (property is null)
            {
                return false;
            }

            result.Add(property);
            current = property.Type.Kind == TypeKind.Object ? ObjectType(property.Type.Name) : null;
        }

        return result.Count > 0;
    }

    private IEnumerable<PropertyModel> ObjectProperties(TypeRef? type) =>
        type is { Kind: TypeKind.Object } && ObjectType(type.Name) is ObjectTypeModel model ? model.AllProperties : Enumerable.Empty<PropertyModel>();

    private ObjectTypeModel? ObjectType(string? name) => name is not null && _types.TryGetValue(name, out TypeModel? type) ? type as ObjectTypeModel : null;

    private void ReportExtension(YamlNode location, string message) => Report(SpecDiagnostics.InvalidClientExtension, location, message);
}
