using System;
using System.Collections.Generic;

namespace BmsGen.Simulator.State;

/// <summary>
/// Servers in creation order. Appends are O(1), a position is found by binary search on the creation sequence,
/// and a page is a slice, so listing costs O(log n + page) however many servers exist. Not thread-safe: the
/// state's lock guards it.
/// </summary>
internal sealed class ServerIndex
{
    private readonly List<SimServer> _servers = new();

    public int Count => _servers.Count;

    public SimServer this[int position] => _servers[position];

    public void Add(SimServer server)
    {
        if (_servers.Count > 0 && _servers[^1].Sequence >= server.Sequence)
        {
            throw new InvalidOperationException("Servers must be added in creation order.");
        }

        _servers.Add(server);
    }

    public void Remove(SimServer server)
    {
        int position = PositionOf(server);
        if (position >= 0)
        {
            _servers.RemoveAt(position);
        }
    }

    /// <summary>The position of <paramref name="server"/>, or a negative number when it is not listed.</summary>
    public int PositionOf(SimServer server)
    {
        int low = 0, high = _servers.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            long sequence = _servers[middle].Sequence;
            if (sequence == server.Sequence)
            {
                return middle;
            }

            if (sequence < server.Sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
