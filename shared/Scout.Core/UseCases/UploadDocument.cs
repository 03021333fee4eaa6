using System.Buffers.Binary;
using System.IO.Compression;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Core.UseCases;

/// <summary>
/// What an upload stores: the image metadata with secrets already redacted, the secret findings, the environment,
/// and the SBOM bytes as sent. Packed as [header length][header JSON][SBOM] and gzip-compressed, so the raw
/// document at rest never holds a secret value.
/// </summary>
public sealed record UploadDocument(ImageMetadata Image, IReadOnlyList<Finding> Secrets, EnvironmentInput? Environment, byte[] Sbom)
{
    internal sealed record Header(ImageMetadata Image, IReadOnlyList<Finding> Secrets, EnvironmentInput? Environment);

    public byte[] Pack()
    {
        var header = ScoutJson.SerializeToUtf8(new Header(Image, Secrets, Environment), InternalJsonContext.Default.Header);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, header.Length);
            gzip.Write(length);
            gzip.Write(header);
            gzip.Write(Sbom);
        }
        return output.ToArray();
    }

    public static UploadDocument Unpack(byte[] packed)
    {
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var headerLength = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var header = ScoutJson.Deserialize(bytes.Slice(4, headerLength), InternalJsonContext.Default.Header);
        return new UploadDocument(header.Image, header.Secrets, header.Environment, bytes[(4 + headerLength)..].ToArray());
    }
}
