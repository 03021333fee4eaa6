using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>
/// Minimal stand-ins for the analysis components, for tests of the pipeline's plumbing (status, idempotency,
/// limits, tenancy). The real normalizer and matcher have their own tests and the end-to-end tests use them.
/// </summary>
public sealed class ListNormalizer : ISbomNormalizer
{
    public int Calls;

    /// <summary>Reads {"packages": ["pkg:...@v", ...]}; anything else is refused the way a real normalizer refuses.</summary>
    public NormalizedSbom Normalize(ReadOnlyMemory<byte> document)
    {
        Interlocked.Increment(ref Calls);
        try
        {
            using var doc = JsonDocument.Parse(document);
            var purls = doc.RootElement.GetProperty("packages").EnumerateArray().Select(p => p.GetString()!).ToList();
            return new NormalizedSbom
            {
                Format = "test-list", SpecVersion = "1", TotalPackages = purls.Count,
                Packages = purls.Select(p => new PackageRecord { Purl = p, Name = p.Split('/')[^1].Split('@')[0], Version = p.Split('@')[^1] }).ToList(),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InputException($"test-list: not a package list ({e.GetType().Name})");
        }
    }
}

/// <summary>Flags every package whose version is "1.0" with one high finding.</summary>
public sealed class VersionOneMatcher : IAdvisoryMatcher
{
    public OverlayResult Overlay(OverlayRequest request) => new(
        request.Packages.Where(p => p.Version == "1.0").Select(p => new Finding
        {
            Id = "TEST-" + p.Name, Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
        }).ToList(),
        request.Packages.Select(p => new PackageKey("test", p.Name)).ToList(),
        []);
}

/// <summary>Treats any env value starting with "SECRET" as a secret and redacts it.</summary>
public sealed class PrefixSecretScanner : ISecretScanner
{
    public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image)
    {
        var findings = image.Env.Where(e => e.Value.StartsWith("SECRET", StringComparison.Ordinal))
            .Select(e => new Finding { Id = "test-secret", Kind = FindingKinds.Secret, Location = "env", Name = e.Name, Rule = "test-secret", Severity = Severities.Critical })
            .ToList();
        var env = image.Env.Select(e => e.Value.StartsWith("SECRET", StringComparison.Ordinal) ? e with { Value = "[REDACTED:test-secret]" } : e).ToList();
        return (image with { Env = env }, findings);
    }
}
