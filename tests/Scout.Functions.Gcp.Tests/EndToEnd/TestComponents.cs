using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Functions.Gcp.Tests.EndToEnd;

/// <summary>Flags every package with the given name: a stand-in for the advisory matcher, which has its own tests.</summary>
public sealed class NamedPackageMatcher(string name, string advisoryId) : IAdvisoryMatcher
{
    public OverlayResult Overlay(OverlayRequest request) => new(
        request.Packages.Where(p => p.Name == name).Select(p => new Finding
        {
            Id = advisoryId, Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
        }).ToList(),
        request.Packages.Select(p => new PackageKey(p.Type ?? "unknown", p.Name)).ToList(),
        []);
}

public sealed class NoSecrets : ISecretScanner
{
    public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image) => (image, []);
}

/// <summary>A normalizer whose every call fails like a store or network fault would (not an input error): the transient path.</summary>
public sealed class FaultyNormalizer : ISbomNormalizer
{
    private int calls;
    public int Calls => Volatile.Read(ref calls);

    public NormalizedSbom Normalize(ReadOnlyMemory<byte> document)
    {
        Interlocked.Increment(ref calls);
        throw new TimeoutException("simulated transient fault");
    }
}
