using System.Collections.Generic;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Emitting;

/// <summary>Runs every emitter over one spec; hint names are stable and unique per client.</summary>
internal static class SpecEmitter
{
    public static IReadOnlyList<KeyValuePair<string, string>> Emit(SpecModel spec)
    {
        string prefix = spec.Namespace + "." + spec.ClientName;
        return new[]
        {
            new KeyValuePair<string, string>(prefix + ".Client.g.cs", ClientEmitter.Emit(spec)),
            new KeyValuePair<string, string>(prefix + ".Models.g.cs", ModelEmitter.Emit(spec)),
            new KeyValuePair<string, string>(prefix + ".JsonCodec.g.cs", JsonEmitter.Emit(spec)),
            new KeyValuePair<string, string>(prefix + ".JsonContext.g.cs", JsonContextEmitter.Emit(spec)),
        };
    }
}
