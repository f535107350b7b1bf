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
/// Collects the members of a JSON object read as a map, and makes a read-only map of exactly those members: a
/// <see cref="CompactMap{T}"/> for up to <see cref="CompactMap{T}.MaxCount"/> members, collected in the builder
/// itself (nothing rented), or a dictionary sized for them (no resizing while it fills) for more. A repeated key
/// keeps its first position and its last value, as a dictionary filled in order does. Use it in a local.
/// </summary>
public struct JsonMapBuilder<T>
{
    private static readonly CompactMap<T> Empty = new(Array.Empty<KeyValuePair<string, T>>());

    private InlineEntries _inline;
    private KeyValuePair<string, T>[]? _rented;
    private int _count;

    public void Add(string key, T value)
    {
        var entry = new KeyValuePair<string, T>(key, value);
        if (_count < CompactMap<T>.MaxCount)
        {
            _inline[_count] = entry;
        }
        else
        {
            if (_rented is null)
            {
                _rented = ArrayPool<KeyValuePair<string, T>>.Shared.Rent(CompactMap<T>.MaxCount * 2);
                ((ReadOnlySpan<KeyValuePair<string, T>>)_inline).CopyTo(_rented);
            }
            else if (_count == _rented.Length)
            {
                KeyValuePair<string, T>[] larger = ArrayPool<KeyValuePair<string, T>>.Shared.Rent(_rented.Length * 2);
                _rented.AsSpan().CopyTo(larger);
                ArrayPool<KeyValuePair<string, T>>.Shared.Return(_rented, clearArray: true);
                _rented = larger;
            }

            _rented[_count] = entry;
        }

        _count++;
    }

    /// <summary>A read-only map with ordinal keys holding the added members. Call once.</summary>
    public IReadOnlyDictionary<string, T> ToMap()
    {
        int count = _count;
        _count = 0;
        if (count == 0)
        {
            return Empty;
        }

        if (_rented is null)
        {
            // The builder is a local that ends with this call, so its inline entries are left as they are.
            ReadOnlySpan<KeyValuePair<string, T>> added = _inline;
            var entries = new KeyValuePair<string, T>[count];
            int unique = 0;
            ulong seen = 0;
            for (int i = 0; i < count; i++)
            {
                KeyValuePair<string, T> entry = added[i];
                string key = entry.Key;

                // A key whose length and last character no earlier key shares cannot repeat one: only keys that
                // share them are compared (an object without repeated keys, the usual case, compares few or none).
                ulong bit = 1UL << (key.Length == 0 ? 0 : (key.Length + (key[^1] * 7)) & 63);
                int at = unique;
                if ((seen & bit) != 0)
                {
                    at = 0;
                    while (at < unique && !string.Equals(entries[at].Key, key))
                    {
                        at++;
                    }
                }

                seen |= bit;
                entries[at] = entry;
                if (at == unique)
                {
                    unique++;
                }
            }

            return new CompactMap<T>(unique == count ? entries : entries.AsSpan(0, unique).ToArray());
        }

        var map = new Dictionary<string, T>(count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, T> entry in _rented.AsSpan(0, count))
        {
            map[entry.Key] = entry.Value;
        }

        ArrayPool<KeyValuePair<string, T>>.Shared.Return(_rented, clearArray: true);
        _rented = null;
        _inline = default;
        return map;
    }

    [InlineArray(CompactMap<int>.MaxCount)]
    private struct InlineEntries
    {
        private KeyValuePair<string, T> _first;
    }
}
