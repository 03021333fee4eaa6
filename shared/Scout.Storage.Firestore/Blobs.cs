using System.IO.Compression;
using System.Text.Json.Nodes;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>
/// Byte payloads larger than a document holds (upload documents, package and finding lists) are split into
/// chunk documents of at most <see cref="ChunkBytes"/>. A write generation in the chunk names lets a new version be
/// written beside the old one and switched to by one precondition-guarded write of the owning document.
/// </summary>
public static class Blobs
{
    /// <summary>Below Firestore's 1 MiB document limit with room for the name and field overhead.</summary>
    public const int ChunkBytes = 900 * 1024;

    public static string NewGeneration() => Guid.NewGuid().ToString("N")[..12];

    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(byte[] data)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        for (var offset = 0; offset < data.Length; offset += ChunkBytes)
            chunks.Add(data.AsMemory(offset, Math.Min(ChunkBytes, data.Length - offset)));
        return chunks;
    }

    public static JsonObject ChunkFields(ReadOnlyMemory<byte> chunk) => new() { ["data"] = Fs.Bytes(chunk.Span) };

    public static byte[] Join(IReadOnlyList<FirestoreDocument?> chunks, string owner)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks.Count; i++)
        {
            var data = chunks[i]?.Bytes("data") ?? throw new InvalidDataException($"{owner}: chunk {i} of {chunks.Count} is missing");
            buffer.Write(data);
        }
        return buffer.ToArray();
    }

    public static byte[] GzipJson<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(ScoutJson.SerializeToUtf8(value));
        return buffer.ToArray();
    }

    public static T GunzipJson<T>(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return ScoutJson.Deserialize<T>(plain.ToArray());
    }
}
