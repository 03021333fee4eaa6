using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>Detects the format of an SBOM document (after attestation unwrapping) and normalizes it.</summary>
public interface ISbomNormalizer
{
    /// <summary>Throws <see cref="InputException"/> naming the format, the path/line and what is wrong.</summary>
    NormalizedSbom Normalize(ReadOnlyMemory<byte> document);
}

/// <summary>Overlays advisories on packages. Implementations hold the advisory index.</summary>
public interface IAdvisoryMatcher
{
    /// <summary>Needs an index that holds every advisory in memory; the use cases call <see cref="OverlayAsync"/>.</summary>
    OverlayResult Overlay(OverlayRequest request);
    /// <summary>Reads the advisories of the request's packages first where the index does not hold them (a store-backed host).</summary>
    Task<OverlayResult> OverlayAsync(OverlayRequest request, CancellationToken ct = default) => Task.FromResult(Overlay(request));
}

public sealed record OverlayRequest(IReadOnlyList<PackageRecord> Packages, OsRelease? Os)
{
    public IReadOnlyList<VexDocumentRecord> Vex { get; init; } = [];
    /// <summary>The image the packages belong to: what an image-level VEX product must identify to apply.</summary>
    public ImageSubject? Image { get; init; }
}

/// <param name="Findings">vulnerability and indeterminate findings</param>
/// <param name="IndexKeys">the (ecosystem, name) keys of the packages, for the inverted index</param>
/// <param name="Warnings">packages that map to no advisory ecosystem, VEX statements that matched nothing ...</param>
public sealed record OverlayResult(IReadOnlyList<Finding> Findings, IReadOnlyList<PackageKey> IndexKeys, IReadOnlyList<SbomWarning> Warnings);

/// <summary>Finds secrets in env values and labels; returns the metadata with those values redacted.</summary>
public interface ISecretScanner
{
    (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image);
}

/// <summary>A caller's mistake in a document or request: becomes a 4xx / exit code 2, never a 500.</summary>
public class InputException(string message) : Exception(message);
