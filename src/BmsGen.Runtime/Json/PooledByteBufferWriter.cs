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

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _nextSize = InitialSize;
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        if (_buffer is null || (uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer!.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer!.AsSpan(_written);
    }

    /// <summary>
    /// Hands the array under the written bytes to the caller, who returns it to the shared pool when done with it.
    /// The next write starts in a new array the size of this one's bytes, so a body of the same size does not grow
    /// through every smaller size again.
    /// </summary>
    public byte[] Detach(out int length)
    {
        byte[] detached = _buffer ?? Array.Empty<byte>();
        length = _written;
        LetGo();
        return detached;
    }

    /// <summary>
    /// Forgets the written bytes; keeps the array unless it grew large. A large array goes back to the pool, and
    /// the next body starts from an array the size of this one's bytes (likely from the pool) instead of growing
    /// through every smaller size again.
    /// </summary>
    public void Reset()
    {
        if (_buffer is { Length: > RetainedSize } large)
        {
            LetGo();
            ArrayPool<byte>.Shared.Return(large);
        }

        _written = 0;
    }

    /// <summary>Drops the array; the next write rents one the size of the bytes written into it.</summary>
    private void LetGo()
    {
        _nextSize = Math.Max(_written, InitialSize);
        _buffer = null;
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_nextSize, needed));
            return;
        }

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
