using System.Security.Cryptography;
using System.Text;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Sbom.Export;

/// <summary>
/// CycloneDX 1.6 JSON and SPDX 2.3 JSON of a stored image, written so that <see cref="SbomNormalizer"/> reads back the
/// same packages (purl, name, version, licenses, author, description, source package; CycloneDX also file paths and
/// size). Dependency types are not exported: the store keeps the type, not the graph edges it came from, and an
/// exported graph would be invented.
/// </summary>
public sealed class SbomExporter : ISbomExporter
{
    public byte[] Export(SbomExportInput input, string format) => format switch
    {
        SbomExportFormats.CycloneDx => CycloneDxExport.Write(input),
        SbomExportFormats.Spdx => SpdxExport.Write(input),
        _ => throw new InputException($"format: expected {string.Join(" or ", SbomExportFormats.All)}, not '{format}'"),
    };

    /// <summary>The image's name in an export: its repository when known, else its digest.</summary>
    internal static string SubjectName(ImageMetadata image) => string.IsNullOrWhiteSpace(image.Registry?.Url) ? image.Digest : image.Registry.Url!;

    /// <summary>A stable UUID for the same image and SBOM, so exporting twice gives the same document.</summary>
    internal static Guid StableId(SbomExportInput input)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{input.Image.Digest}\n{input.SbomSha256}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 style (name-based), RFC 9562 layout
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    internal static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Splits an expression the normalizer assembled from license ids and names ("MIT AND (Acme License)") back into
    /// its parts; parenthesised parts are names. Null when the text is not such a conjunction.
    /// </summary>
    internal static List<string>? ConjunctionParts(string expression)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && string.CompareOrdinal(expression, i, " AND ", 0, 5) == 0)
            {
                parts.Add(expression[start..i]);
                start = i + 5;
                i += 4;
            }
        }
        parts.Add(expression[start..]);
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i].Trim();
            if (p.StartsWith('(') && p.EndsWith(')')) p = p[1..^1];
            if (p.Length == 0) return null;
            parts[i] = p;
        }
        return parts;
    }
}
