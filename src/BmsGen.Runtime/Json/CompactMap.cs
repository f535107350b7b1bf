using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace BmsGen.Runtime.Json;

/// <summary>
/// A read-only map of a few members (a server's metadata, a flavor's extra specs) kept as one array in the order
/// the JSON listed them, so reading one costs two allocations and no hashing; a lookup compares keys ordinally,
/// which for this many members is as fast as hashing. <see cref="JsonMapBuilder{T}"/> makes one for at most
/// <see cref="MaxCount"/> members and a <see cref="Dictionary{TKey, TValue}"/> for more.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
public sealed class CompactMap<T> : IReadOnlyDictionary<string, T>
{
    /// <summary>The most members a compact map holds.</summary>
    public const int MaxCount = 16;

    private readonly KeyValuePair<string, T>[] _entries;

    internal CompactMap(KeyValuePair<string, T>[] entries)
    {
        _entries = entries;
    }

    /// <summary>The members in the order the JSON listed them (keys are unique).</summary>
    public ReadOnlySpan<KeyValuePair<string, T>> Entries => _entries;

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public T this[string key] =>
        IndexOf(key) is int index and >= 0 ? _entries[index].Value : throw new KeyNotFoundException($"The key '{key}' is not in the map.");

    /// <inheritdoc/>
    public IEnumerable<string> Keys
    {
        get
        {
            var keys = new string[_entries.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = _entries[i].Key;
            }

            return keys;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<T> Values
    {
        get
        {
            var values = new T[_entries.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = _entries[i].Value;
            }

            return values;
        }
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        int index = IndexOf(key);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _entries[index].Value;
        return true;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, T>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        KeyValuePair<string, T>[] entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
