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
        Span<byte> length = stackalloc byte[4];
        gzip.ReadExactly(length);
        var header = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        gzip.ReadExactly(header);
        // Read the SBOM straight into an array of its size: gzip's trailer (ISIZE, written by Pack above) holds the
        // uncompressed length mod 2^32; growing a MemoryStream and copying out of it held three copies of a big SBOM.
        var total = packed.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(packed.AsSpan(packed.Length - 4)) : 0u;
        var sbomLength = (long)total - 4 - header.Length;
        byte[] sbom;
        if (sbomLength >= 0 && sbomLength < Array.MaxLength)
        {
            sbom = new byte[sbomLength];
            gzip.ReadExactly(sbom);
            var extra = gzip.ReadByte();
            if (extra >= 0) sbom = ReadToEnd(gzip, [.. sbom, (byte)extra]);
        }
        else sbom = ReadToEnd(gzip, []);
        var parsed = ScoutJson.Deserialize(header, InternalJsonContext.Default.Header);
        return new UploadDocument(parsed.Image, parsed.Secrets, parsed.Environment, sbom);
    }

    /// <summary>The trailer was wrong (a document over 4 GiB): the rest of the stream appended the slow way.</summary>
    private static byte[] ReadToEnd(Stream gzip, byte[] start)
    {
        using var buffer = new MemoryStream();
        buffer.Write(start);
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }
}
