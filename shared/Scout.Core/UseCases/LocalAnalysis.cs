using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>DESIGN.md data flow step 4: purls and layer digests in, findings out. Writes nothing anywhere.</summary>
public sealed record LocalAnalysisRequest(IReadOnlyList<string> Purls, IReadOnlyList<string> LayerDigests)
{
    /// <summary>Distro release when the purls carry no distro qualifier.</summary>
    public OsRelease? Os { get; init; }
}

public sealed record LocalAnalysisResult(IReadOnlyList<PackageRecord> Packages, IReadOnlyList<Finding> Findings, IReadOnlyList<SbomWarning> Warnings)
{
    /// <summary>From a remote analysis with layer digests: the base the server detected (DESIGN.md section 8).</summary>
    public Api.BaseImageView? BaseImage { get; init; }
    public Api.RecommendationsView? Recommendations { get; init; }
}

/// <param name="packageFromPurl">builds a package record from a purl; throws <see cref="InputException"/> for an invalid one</param>
public sealed class LocalAnalysis(IAdvisoryMatcher matcher, Func<string, PackageRecord> packageFromPurl)
{
    public LocalAnalysisResult Analyze(LocalAnalysisRequest request) => Analyze(PackagesOf(request), request.Os);

    /// <summary>Over an index read from the store per package (the API's local analysis on a host over a store).</summary>
    public async Task<LocalAnalysisResult> AnalyzeAsync(LocalAnalysisRequest request, CancellationToken ct = default)
    {
        var packages = PackagesOf(request);
        var result = await matcher.OverlayAsync(new OverlayRequest(packages, request.Os), ct);
        return new LocalAnalysisResult(packages, result.Findings, result.Warnings);
    }

    private List<PackageRecord> PackagesOf(LocalAnalysisRequest request)
    {
        var packages = new List<PackageRecord>(request.Purls.Count);
        for (var i = 0; i < request.Purls.Count; i++)
        {
            try { packages.Add(packageFromPurl(request.Purls[i])); }
            catch (InputException e) { throw new InputException($"purls[{i}]: {e.Message}"); }
        }
        return packages;
    }

    /// <summary>The CLI path: packages of an SBOM normalized locally.</summary>
    public LocalAnalysisResult Analyze(NormalizedSbom sbom) => Analyze(sbom.Packages, sbom.Os, sbom.Warnings);

    private LocalAnalysisResult Analyze(IReadOnlyList<PackageRecord> packages, OsRelease? os, IReadOnlyList<SbomWarning>? earlier = null)
    {
        var result = matcher.Overlay(new OverlayRequest(packages, os));
        return new LocalAnalysisResult(packages, result.Findings, [.. earlier ?? [], .. result.Warnings]);
    }
}
