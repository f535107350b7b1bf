using System.Collections.Generic;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// The spec text as a tree of mappings, sequences and scalars, each with its 1-based line and column, so every
/// diagnostic can point at the spec line it is about. Lives only inside the parse step.
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Levels below this node (0 for a scalar); the loader bounds it, aliases included.</summary>
    public int Height { get; set; }
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, bool isQuoted, int line, int column)
        : base(line, column)
    {
        Value = value;
        IsQuoted = isQuoted;
    }

    public string Value { get; }

    public bool IsQuoted { get; }

    public bool IsNull => !IsQuoted && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");
}

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(int line, int column)
        : base(line, column)
    {
    }

    public List<YamlNode> Items { get; } = new();
}

internal sealed class YamlMapping : YamlNode
{
    private readonly Dictionary<string, YamlNode> _byKey = new();

    public YamlMapping(int line, int column)
        : base(line, column)
    {
    }

    /// <summary>Entries in document order.</summary>
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = new();

    /// <summary>Adds an entry; returns false when the key is already present.</summary>
    public bool Add(YamlScalar key, YamlNode value)
    {
        if (_byKey.ContainsKey(key.Value))
        {
            return false;
        }

        _byKey.Add(key.Value, value);
        Entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
        return true;
    }

    public YamlNode? this[string key] => _byKey.TryGetValue(key, out YamlNode? node) ? node : null;

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    public string? GetString(string key) => this[key] is YamlScalar { IsNull: false } scalar ? scalar.Value : null;

    public bool GetBoolean(string key) => this[key] is YamlScalar scalar && scalar.Value is "true" or "True" or "TRUE";
}
