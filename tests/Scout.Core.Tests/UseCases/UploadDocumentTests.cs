using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Core.Tests.UseCases;

/// <summary>The packed upload document (header + SBOM, gzip) reads back exactly, whatever its size.</summary>
public sealed class UploadDocumentTests
{
    private static readonly ImageMetadata Image = new() { Digest = "sha256:" + new string('a', 64), Architecture = "amd64" };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    [InlineData(3_000_000)]
    public void Pack_then_unpack_gives_the_same_document(int sbomBytes)
    {
        var sbom = new byte[sbomBytes];
        new Random(sbomBytes).NextBytes(sbom);
        var secret = new Finding { Id = "secret-1", Kind = FindingKinds.Secret, Severity = Severities.High };
        var unpacked = UploadDocument.Unpack(new UploadDocument(Image, [secret], null, sbom).Pack());
        Assert.Equal(sbom, unpacked.Sbom);
        Assert.Equal(Image.Digest, unpacked.Image.Digest);
        Assert.Equal("amd64", unpacked.Image.Architecture);
        Assert.Equal("secret-1", Assert.Single(unpacked.Secrets).Id);
    }

    [Fact]
    public void The_sbom_is_stored_compressed_after_its_header()
    {
        var sbom = "{\"bomFormat\":\"CycloneDX\"}"u8.ToArray();
        using var gzip = new GZipStream(new MemoryStream(new UploadDocument(Image, [], null, sbom).Pack()), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        var bytes = plain.ToArray();
        var headerLength = BinaryPrimitives.ReadInt32BigEndian(bytes);
        Assert.Equal(sbom, bytes[(4 + headerLength)..]);
    }

    [Fact]
    public void The_envelopes_sbom_is_kept_as_the_bytes_sent()
    {
        const string sbom = "{ \"bomFormat\" : \"CycloneDX\",\n  \"components\": [{\"name\": \"caf\u00e9 \\u00e9 \\\"q\\\"\"}] }";
        var envelope = $"{{\"image\":{{\"digest\":\"{Image.Digest}\"}},\"sbom\":{sbom}}}";
        var parsed = UploadEnvelopeParser.Parse(Encoding.UTF8.GetBytes(envelope), new UploadLimits());
        Assert.Equal(Encoding.UTF8.GetBytes(sbom), parsed.Sbom);
    }
}
