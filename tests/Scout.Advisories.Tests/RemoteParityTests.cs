using System.Text.Json;
using Scout.Advisories.Matching;
using Scout.Cli.Commands;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Core.UseCases;
using Scout.Sbom;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>
/// Issue #11: `scout analyze --remote` finds what local analysis finds. For every real SBOM in the test data the purls
/// the CLI would send (RemotePurls) go through the server's own path (LocalAnalysis over PackageFromPurl, as
/// POST /v1/analyze/local runs it) and the finding set, mapped back to the SBOM's purls, equals the local one.
/// </summary>
public class RemoteParityTests(RealIndexFixture index) : IClassFixture<RealIndexFixture>
{
    private static IEnumerable<string> RealSboms() =>
        Directory.EnumerateFiles(TestData.Path("sbom"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}schema", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}not-sbom{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".csv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static HashSet<string> Set(IEnumerable<Finding> findings) =>
        findings.Select(f => JsonSerializer.Serialize(f with { Snapshot = null }, ScoutJson.Options)).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_real_sbom_gives_the_same_findings_remotely_as_locally()
    {
        var normalizer = new SbomNormalizer();
        var analysis = new LocalAnalysis(index.Services.Matcher, PackageFromPurl.Create);
        int compared = 0, withFindings = 0;
        var differences = new List<string>();
        foreach (var file in RealSboms())
        {
            NormalizedSbom sbom;
            try { sbom = normalizer.Normalize(File.ReadAllBytes(file)); }
            catch (Scout.Core.Ports.InputException) { continue; }
            var local = Set(analysis.Analyze(sbom).Findings);
            var sent = RemotePurls.For(sbom);
            var remote = Set(analysis.Analyze(new LocalAnalysisRequest([.. sent.Keys], [])).Findings
                .Select(f => f.Purl != null && sent.TryGetValue(f.Purl, out var own) ? f with { Purl = own } : f));
            compared++;
            if (local.Count > 0) withFindings++;
            if (!local.SetEquals(remote))
                differences.Add($"{Path.GetRelativePath(TestData.Path("sbom"), file)}: local-only {local.Except(remote).Count()} " +
                    $"(first {local.Except(remote).FirstOrDefault()}), remote-only {remote.Except(local).Count()} (first {remote.Except(local).FirstOrDefault()})");
        }
        Assert.True(compared > 300, $"only {compared} SBOMs normalized");
        Assert.True(withFindings > 10, $"only {withFindings} SBOMs with findings");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)));
    }
}
