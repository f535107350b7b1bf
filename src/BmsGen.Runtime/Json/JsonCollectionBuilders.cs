using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace BmsGen.Runtime.Json;

/// <summary>
/// Collects the elements of a JSON array whose length is not known until its end, and makes an array of exactly
/// that length: the first element is held inline (most arrays in these APIs hold one), more go to a buffer rented
/// from the shared pool and returned when the array is made. Use it in a local: <c>var items = new
/// JsonArrayBuilder&lt;T&gt;(); items.Add(x); return items.ToArray();</c>.
/// </summary>
public struct JsonArrayBuilder<T>
{
    private T _first;
    private T[]? _rented;
    private int _count;

    /// <summary>The number of elements added so far.</summary>
    public readonly int Count => _count;

    public void Add(T item)
    {
        if (_count == 0)
        {
            _first = item;
        }
        else
        {
            if (_rented is null)
            {
                _rented = ArrayPool<T>.Shared.Rent(16);
                _rented[0] = _first;
            }
            else if (_count == _rented.Length)
            {
                Grow();
            }

            _rented[_count] = item;
        }

        _count++;
    }

    /// <summary>An array of exactly the added elements; returns the rented buffer. Call once.</summary>
    public T[] ToArray()
    {
        if (_count == 0)
        {
            return Array.Empty<T>();
        }

        T[] result;
        if (_rented is null)
        {
            result = new T[] { _first };
        }
        else
        {
            result = _rented.AsSpan(0, _count).ToArray();
            ArrayPool<T>.Shared.Return(_rented, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _rented = null;
        }

        _first = default!;
        _count = 0;
        return result;
    }

    /// <summary>The element at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    internal readonly T this[int index] => _rented is null ? _first : _rented[index];

    /// <summary>Forgets the elements and returns the rented buffer.</summary>
    internal void Clear()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _rented = null;
        }

        _first = default!;
        _count = 0;
    }

    private void Grow()
    {
        T[] larger = ArrayPool<T>.Shared.Rent(_rented!.Length * 2);
        _rented.AsSpan().CopyTo(larger);
        ArrayPool<T>.Shared.Return(_rented, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _rented = larger;
    }
}

/// <summary>
/// Collects the members of a JSON object read as a map, and makes a dictionary sized for exactly those members
/// (no resizing while it fills). A repeated key keeps its last value, as JSON readers commonly do.
/// </summary>
public struct JsonMapBuilder<T>
{
    private JsonArrayBuilder<KeyValuePair<string, T>> _entries;

    public void Add(string key, T value) => _entries.Add(new KeyValuePair<string, T>(key, value));

    /// <summary>A dictionary with ordinal keys holding the added members. Call once.</summary>
    public Dictionary<string, T> ToDictionary()
    {
        int count = _entries.Count;
        var map = new Dictionary<string, T>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            KeyValuePair<string, T> entry = _entries[i];
            map[entry.Key] = entry.Value;
        }

        _entries.Clear();
        return map;
    }
}
