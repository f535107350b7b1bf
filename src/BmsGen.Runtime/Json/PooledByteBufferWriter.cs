using System;
using System.Buffers;

namespace BmsGen.Runtime.Json;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool: growing returns the smaller array
/// instead of leaving it to the collector, and <see cref="Reset"/> hands a large array back so that one big body
/// does not stay pinned to the thread that wrote it.
/// </summary>
internal sealed class PooledByteBufferWriter : IBufferWriter<byte>
{
    private const int InitialSize = 4096;

    /// <summary>An array larger than this goes back to the pool on <see cref="Reset"/>.</summary>
    private const int RetainedSize = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets the written bytes; keeps the array unless it grew large.</summary>
    public void Reset()
    {
        _written = 0;
        if (_buffer.Length > RetainedSize)
        {
            byte[] large = _buffer;
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
            ArrayPool<byte>.Shared.Return(large);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, _written + needed)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        byte[] old = _buffer;
        _buffer = larger;
        ArrayPool<byte>.Shared.Return(old);
    }
}
