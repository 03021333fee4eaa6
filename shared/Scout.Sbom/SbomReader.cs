using System.Text;
using Scout.Sbom.Json;
using Scout.Sbom.TagValue;
using Scout.Sbom.Xml;

namespace Scout.Sbom;

/// <summary>Sniffs the syntax of a document (JSON, XML, SPDX tag-value) and hands it to the matching reader.</summary>
internal static class SbomReader
{
    public static RawSbom ReadRaw(ReadOnlyMemory<byte> document, SbomLimits limits, int wrapping)
    {
        if (document.Length > limits.MaxDocumentBytes)
            throw new SbomFormatException("unknown", null, null, $"document is {document.Length} bytes",
                $"max document size {limits.MaxDocumentBytes} bytes");
        document = ToUtf8(document);
        var span = document.Span;
        if (span.Length >= 2 && span[0] == 0x1f && span[1] == 0x8b)
            throw new SbomFormatException("unknown", null, null, "document is gzip-compressed; decompress it first");
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
        if (start == span.Length) throw new SbomFormatException("unknown", null, null, "document is empty");
        return span[start] switch
        {
            (byte)'{' or (byte)'[' => JsonSbomReader.Read(document, limits, wrapping),
            (byte)'<' => XmlSbomReader.Read(document, limits),
            _ => ReadText(document, limits),
        };
    }

    private static RawSbom ReadText(ReadOnlyMemory<byte> document, SbomLimits limits)
    {
        var head = Encoding.UTF8.GetString(document.Span[..Math.Min(document.Length, 64 * 1024)]);
        if (head.Contains("SPDXVersion:", StringComparison.Ordinal)) return SpdxTagValueReader.Read(document, limits);
        if (head.Contains("spdxVersion:", StringComparison.Ordinal))
            throw new SbomFormatException("spdx-yaml", null, null, "SPDX YAML is not supported; convert it to SPDX JSON");
        if (head.StartsWith("@prefix", StringComparison.Ordinal))
            throw new SbomFormatException("rdf", null, null, "RDF/Turtle documents are not supported");
        throw new SbomFormatException("unknown", null, 1, "not a recognized SBOM (expected JSON, XML or SPDX tag-value)");
    }

    /// <summary>UTF-8 as is (its BOM dropped); UTF-16 with a BOM is transcoded.</summary>
    private static ReadOnlyMemory<byte> ToUtf8(ReadOnlyMemory<byte> document)
    {
        var span = document.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return document[3..];
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(span[2..]));
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.UTF8.GetBytes(Encoding.BigEndianUnicode.GetString(span[2..]));
        return document;
    }
}
