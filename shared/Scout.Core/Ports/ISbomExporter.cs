using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>Writes a stored image's packages back out as a standard SBOM document (GET /v1/images/{digest}/sbom).</summary>
public interface ISbomExporter
{
    /// <summary>UTF-8 JSON of the document in <paramref name="format"/> (one of <see cref="SbomExportFormats"/>).</summary>
    byte[] Export(SbomExportInput input, string format);
}

/// <summary>What an export is made of: the image, the distribution release and the canonical packages as stored.</summary>
public sealed record SbomExportInput(ImageMetadata Image, OsRelease? Os, IReadOnlyList<PackageRecord> Packages, string SbomSha256, DateTimeOffset AnalyzedAt);

public static class SbomExportFormats
{
    /// <summary>CycloneDX 1.6 JSON.</summary>
    public const string CycloneDx = "cyclonedx";
    /// <summary>SPDX 2.3 JSON.</summary>
    public const string Spdx = "spdx";

    public static readonly IReadOnlyList<string> All = [CycloneDx, Spdx];

    public static string ContentType(string format) =>
        format == CycloneDx ? "application/vnd.cyclonedx+json; version=1.6" : "application/spdx+json";
}
