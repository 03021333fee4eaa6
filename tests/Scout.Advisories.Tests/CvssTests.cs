using System.Text.Json;
using Scout.Advisories.Cvss;
using Scout.Testing;

namespace Scout.Advisories.Tests;

public class CvssTests
{
    /// <summary>Vector/score pairs published together in real documents of the test data: OSV
    /// database_specific.cvss (PyPI) and CycloneDX vulnerabilities[].ratings (scanner output, NVD scores).</summary>
    public static IEnumerable<object[]> PublishedPairs()
    {
        var pairs = new HashSet<(string, double)>();
        foreach (var file in Directory.EnumerateFiles(TestData.Path("osv"), "*.json", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(TestData.Path("sbom"), "*.json", SearchOption.AllDirectories)))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("CVSS:3")) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                Walk(doc.RootElement, pairs);
            }
            catch (JsonException) { }
        }
        return pairs.OrderBy(p => p.Item1).Select(p => new object[] { p.Item1, p.Item2 });
    }

    private static void Walk(JsonElement e, HashSet<(string, double)> pairs)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var vector = Str(e, "vectorString") ?? Str(e, "vector");
            if (vector != null && e.TryGetProperty(e.TryGetProperty("baseScore", out _) ? "baseScore" : "score", out var s) && s.ValueKind == JsonValueKind.Number)
            {
                var method = Str(e, "method");
                if (vector.StartsWith("CVSS:3")) pairs.Add((vector, s.GetDouble()));
                else if (method is "CVSSv3" or "CVSSv31" && vector.StartsWith("AV:")) pairs.Add(((method == "CVSSv31" ? "CVSS:3.1/" : "CVSS:3.0/") + vector, s.GetDouble()));
            }
            foreach (var p in e.EnumerateObject()) Walk(p.Value, pairs);
        }
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var x in e.EnumerateArray()) Walk(x, pairs);
    }

    private static string? Str(JsonElement e, string n) => e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [Fact]
    public void The_test_data_holds_published_pairs()
    {
        Assert.True(PublishedPairs().Count() >= 2, "expected CVSS vector/score pairs in the test data");
    }

    [Theory]
    [MemberData(nameof(PublishedPairs))]
    public void Base_score_equals_the_published_score(string vector, double published)
    {
        Assert.Equal(published, CvssV3.BaseScore(vector, out var error));
        Assert.Null(error);
    }

    /// <summary>NVD-published base scores for CVEs whose vectors appear in the OSV test data.</summary>
    [Theory]
    [InlineData("CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5)]  // CVE-2016-10046
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", 4.7)]  // CVE-2018-5407
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]  // CVE-2021-44228 family, CVE-2024-39236
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)] // CVE-2021-44228
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", 5.3)]  // CVE-2023-41045
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]  // typical reflected XSS
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8)] // temporal metrics don't move the base
    public void Base_score_matches_nvd(string vector, double expected) => Assert.Equal(expected, CvssV3.BaseScore(vector, out _));

    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5)]
    [InlineData("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3)]
    [InlineData("AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2)]
    public void V2_base_score_matches_nvd(string vector, double expected) => Assert.Equal(expected, CvssV2.BaseScore(vector, out _));

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
    [InlineData("garbage")]
    public void Invalid_vectors_have_no_score(string vector)
    {
        Assert.Null(CvssV3.BaseScore(vector, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(9.8, "critical")]
    [InlineData(9.0, "critical")]
    [InlineData(8.9, "high")]
    [InlineData(7.0, "high")]
    [InlineData(6.9, "medium")]
    [InlineData(4.0, "medium")]
    [InlineData(3.9, "low")]
    [InlineData(0.1, "low")]
    [InlineData(0.0, "unknown")]
    public void Qualitative_rating_follows_the_v3_scale(double score, string rating) => Assert.Equal(rating, SeverityRating.FromScore(score, "3.1"));
}
