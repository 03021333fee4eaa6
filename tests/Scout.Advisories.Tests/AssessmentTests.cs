using System.Text.Json.Nodes;
using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Advisories.Tests;

/// <summary>Fix state, severity choice and local analysis, on real records (edited where a case needs a hint the data lacks).</summary>
public class AssessmentTests
{
    private static OsvAdvisory Read(JsonObject record) => OsvReader.Read(record.ToJsonString()).Advisory!;

    private static OsvAffected Debian12(JsonObject record) => Read(record).Affected.First(a => a.Package?.Ecosystem == "Debian:12");

    [Fact]
    public void Fix_state_follows_the_record()
    {
        var record = FeedFolder.Real("Debian", "CVE-2016-10046");
        Assert.Equal(FixStates.Fixed, FixStateRules.Of(Debian12(record)));

        foreach (var affected in record["affected"]!.AsArray())
            foreach (var range in affected!["ranges"]!.AsArray())
                range!["events"] = new JsonArray(new JsonObject { ["introduced"] = "0" });
        Assert.Equal(FixStates.NotFixed, FixStateRules.Of(Debian12(record)));

        foreach (var affected in record["affected"]!.AsArray())
            if (affected!["ecosystem_specific"] is JsonObject specific) specific["urgency"] = "unimportant";
        Assert.Equal(FixStates.WontFix, FixStateRules.Of(Debian12(record)));

        var listed = FeedFolder.Real("CRAN", "RSEC-2023-0");
        listed["affected"]![0]!.AsObject().Remove("ranges");
        Assert.Equal(FixStates.Unknown, FixStateRules.Of(Read(listed).Affected[0]));
    }

    [Fact]
    public void A_cvss_v4_only_record_is_scored_by_the_v4_calculator()
    {
        var record = FeedFolder.Real("Maven", "GHSA-3936-3gx6-49c4");
        var advisory = Read(record);
        var (severity, cvss) = SeverityAssessor.Assess(advisory, advisory.Affected[0]);
        var vector = (string)record["severity"]!.AsArray().First(s => (string?)s!["type"] == "CVSS_V4")!["score"]!;
        Assert.Equal("4.0", cvss?.Version);
        Assert.Equal(vector, cvss?.Vector);
        Assert.Equal(Cvss.CvssV4.Score(vector, out _), cvss?.Score);
        Assert.NotNull(cvss?.Score);
        Assert.Equal(Cvss.SeverityRating.FromWord((string?)record["database_specific"]?["severity"]), severity);   // GHSA "MODERATE"
    }

    [Fact]
    public void A_v4_vector_wins_over_a_v3_vector_in_the_same_record()
    {
        var record = FeedFolder.Real("Maven", "GHSA-crjg-w57m-rqqf");   // CVSS v3.1 6.5 and a CVSS v4.0 vector
        var advisory = Read(record);
        var (severity, cvss) = SeverityAssessor.Assess(advisory, advisory.Affected[0]);
        var v4 = (string)record["severity"]!.AsArray().First(s => (string?)s!["type"] == "CVSS_V4")!["score"]!;
        Assert.Equal("4.0", cvss?.Version);
        Assert.Equal(v4, cvss?.Vector);
        var score = Cvss.CvssV4.Score(v4, out _);
        Assert.Equal(score, cvss?.Score);
        Assert.Equal(Cvss.SeverityRating.FromScore(score!.Value, "4"), severity);
    }

    [Fact]
    public void An_unscorable_v4_vector_is_kept_unscored_and_the_v3_vector_decides()
    {
        var record = FeedFolder.Real("Maven", "GHSA-crjg-w57m-rqqf");
        foreach (var s in record["severity"]!.AsArray())
            if ((string?)s!["type"] == "CVSS_V4") s["score"] = "CVSS:4.0/AV:N/AC:L";
        var advisory = Read(record);
        var (_, cvss) = SeverityAssessor.Assess(advisory, advisory.Affected[0]);
        var v3 = (string)record["severity"]!.AsArray().First(s => (string?)s!["type"] == "CVSS_V3")!["score"]!;
        Assert.Equal(v3, cvss?.Vector);
        Assert.Equal(Cvss.CvssV3.BaseScore(v3, out _), cvss?.Score);
    }

    [Fact]
    public void A_v3_vector_wins_over_the_database_word()
    {
        var record = FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9");
        var advisory = Read(record);
        var (_, cvss) = SeverityAssessor.Assess(advisory, advisory.Affected[0]);
        var vector = (string)record["severity"]![0]!["score"]!;
        Assert.Equal(vector, cvss?.Vector);
        Assert.Equal(Cvss.CvssV3.BaseScore(vector, out _), cvss?.Score);
    }

    [Theory]
    [InlineData("GHSA-x", "CVE-2021-10000", "CVE-2021-9999", "CVE-2021-9999")]
    [InlineData("PYSEC-2021-1", "GHSA-b", "GHSA-a", "GHSA-a")]
    [InlineData("RUSTSEC-2020-0071", "OSV-1", "MAL-1", "MAL-1")]
    public void Preferred_id_is_the_lowest_cve_then_ghsa_then_any(string a, string b, string c, string expected) =>
        Assert.Equal(expected, FindingMerger.PreferredId([a, b, c]));

    [Fact]
    public void Local_analysis_takes_purls_only_and_rejects_a_bad_one_by_index()
    {
        var services = AdvisoryServices.CreateDetached();
        services.Matcher.Apply([MatcherTests.Stored(services, FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9"))]);
        var result = services.LocalAnalysis.Analyze(new LocalAnalysisRequest(["pkg:npm/lodash@4.17.20", "pkg:npm/left-pad@1.3.0"], ["sha256:" + new string('a', 64)]));
        Assert.Equal(2, result.Packages.Count);
        Assert.Equal("CVE-2020-28500", Assert.Single(result.Findings).Id);
        var e = Assert.Throws<InputException>(() => services.LocalAnalysis.Analyze(new LocalAnalysisRequest(["pkg:npm/lodash@4.17.20", "not a purl"], [])));
        Assert.StartsWith("purls[1]:", e.Message);
    }
}
