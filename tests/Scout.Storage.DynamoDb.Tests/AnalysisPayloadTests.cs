using System.Security.Cryptography;
using System.Text.Json;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>The single serialization behind a save: same hash as images stored before it, payloads that read back.</summary>
public sealed class AnalysisPayloadTests
{
    [Fact]
    public void The_hash_is_sha256_of_the_analysis_json_without_its_timestamp_as_stored_images_carry_it()
    {
        var analysis = Samples.Analysis("t1", Samples.Digest(1), packages: 50);
        var expected = Convert.ToHexStringLower(SHA256.HashData(
            JsonSerializer.SerializeToUtf8Bytes(analysis with { AnalyzedAt = default }, StoreJson.Default.ImageAnalysis)));

        Assert.Equal(expected, AnalysisPayload.Of(analysis).Hash);
        Assert.Equal(expected, AnalysisPayload.Of(analysis with { AnalyzedAt = analysis.AnalyzedAt.AddDays(3) }).Hash);
        Assert.NotEqual(expected, AnalysisPayload.Of(analysis with { Warnings = [new SbomWarning("x", "changed")] }).Hash);
    }

    [Fact]
    public void The_packages_and_findings_cut_from_the_hashed_json_read_back_as_the_lists()
    {
        var findings = new[] { Samples.Vulnerability("CVE-2026-0001", "pkg:npm/a@1", Severities.High), Samples.Vulnerability("GHSA-x", "pkg:npm/b@2", Severities.Low) };
        var analysis = Samples.Analysis("t1", Samples.Digest(2), packages: 300, findings: findings);
        var payload = AnalysisPayload.Of(analysis);

        Assert.Equal(analysis.Packages, Codec.FromCompressedJson(payload.CompressedPackages(), StoreJson.Default.ListPackageRecord), PackageComparer.Instance);
        Assert.Equal(
            JsonSerializer.Serialize(analysis.Findings.ToList(), StoreJson.Default.ListFinding),
            JsonSerializer.Serialize(Codec.FromCompressedJson(payload.CompressedFindings(), StoreJson.Default.ListFinding), StoreJson.Default.ListFinding));
    }

    [Fact]
    public void Empty_lists_are_stored_as_empty_arrays()
    {
        var payload = AnalysisPayload.Of(Samples.Analysis("t1", Samples.Digest(3), packages: 0, findings: []));
        Assert.Empty(Codec.FromCompressedJson(payload.CompressedPackages(), StoreJson.Default.ListPackageRecord));
        Assert.Empty(Codec.FromCompressedJson(payload.CompressedFindings(), StoreJson.Default.ListFinding));
    }
}
