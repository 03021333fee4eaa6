using System.Buffers;
using System.Runtime.InteropServices;

namespace Scout.Sbom;

/// <summary>
/// A document read from a stream into native memory, freed (and given back to the OS) on Dispose: a big SBOM's bytes
/// are gone before its packages are assembled, instead of waiting on the managed heap for a full collection. No
/// finalizer (a span could outlive it): the one owner, SbomNormalizer.ReadRaw, disposes it.
/// </summary>
internal sealed unsafe class DocumentBuffer : MemoryManager<byte>
{
    private byte* pointer;
    private int length;

    private DocumentBuffer(int capacity) => pointer = (byte*)NativeMemory.Alloc((nuint)Math.Max(capacity, 1));

    /// <summary>Reads to the end of <paramref name="stream"/>; a document over <paramref name="limit"/> bytes is refused
    /// before more than one byte past the limit is buffered (a file's size is checked before anything is read).</summary>
    public static DocumentBuffer Read(Stream stream, long limit)
    {
        var max = (int)Math.Min(limit, Array.MaxLength - 1);
        long? size = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        if (size > limit) throw TooLarge($"document is {size} bytes", limit);
        var buffer = new DocumentBuffer((int)(size ?? Math.Min(max, 1 << 16)));
        try
        {
            var capacity = (int)(size ?? Math.Min(max, 1 << 16));
            while (true)
            {
                if (buffer.length == capacity)
                {
                    if (capacity >= max)
                    {
                        if (stream.ReadByte() < 0) return buffer;
                        throw TooLarge($"document is more than {limit} bytes", limit);
                    }
                    capacity = (int)Math.Min(max, Math.Max(capacity * 2L, 1 << 16));
                    buffer.pointer = (byte*)NativeMemory.Realloc(buffer.pointer, (nuint)capacity);
                }
                var read = stream.Read(new Span<byte>(buffer.pointer + buffer.length, capacity - buffer.length));
                if (read == 0) return buffer;
                buffer.length += read;
            }
        }
        catch
        {
            ((IDisposable)buffer).Dispose();
            throw;
        }
    }

    private static SbomFormatException TooLarge(string reason, long limit) =>
        new("unknown", null, null, reason, $"max document size {limit} bytes");

    public override Span<byte> GetSpan() => pointer == null ? throw new ObjectDisposedException(nameof(DocumentBuffer)) : new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        if (pointer == null) return;
        NativeMemory.Free(pointer);
        pointer = null;
        length = 0;
    }
}
