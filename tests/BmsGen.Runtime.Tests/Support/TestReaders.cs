using System;
using System.Text.Json;
using BmsGen.Runtime.Json;

namespace BmsGen.Runtime.Tests.Support;

/// <summary>Hand-written readers in the shape generated code takes, for transport tests that need no spec.</summary>
internal static class TestReaders
{
    /// <summary>Reads <c>{"name": …}</c>, skipping every other member; null when there is no name.</summary>
    public static string? Name(ref JsonSpanReader reader)
    {
        JsonRead.ExpectStartObject(ref reader, "Named");
        string? name = null;
        while (JsonRead.NextProperty(ref reader))
        {
            bool isName = JsonRead.PropertyName(ref reader).SequenceEqual("name"u8);
            JsonRead.MoveToValue(ref reader);
            if (isName)
            {
                name = JsonRead.String(ref reader);
                continue;
            }

            JsonRead.SkipValue(ref reader);
        }

        return name;
    }
}
