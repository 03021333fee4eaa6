using System.Text.Json;
using Scout.Advisories.Cvss;
using Scout.Core.Model;
using Scout.Testing;

namespace Scout.Advisories.Tests;

public class CvssV4Tests
{
    /// <summary>
    /// Vectors with a score stated publicly for exactly that vector. Sources:
    /// [A] github.com/FIRSTdotorg/cvss-v4-calculator pull 4 and RedHatProductSecurity/cvss-v4-calculator issue 66
    ///     (8.55 tie, FIRST's calculator returns 8.6 after the 2024 rounding fix);
    /// [B] RedHatProductSecurity/cvss-v4-calculator issue 48 (0.35 and 8.95 ties, expected 0.4 and 9.0);
    /// [C] RedHatProductSecurity/cvss issue 60 (expected 8.5);
    /// [D] pablotron/polycvss README and src/v4.rs test table (scores from the FIRST/Red Hat reference calculator);
    /// [E] akshatvaid/cvss-v4-node-api README (reference-calculator API output);
    /// [F] RedHatProductSecurity/cvss-v4-calculator cvss40.js class documentation example (CVSS-BTE).
    /// The macrovector comment is the expected EQ1..EQ6 levels; together the cases reach every level of every EQ.
    /// </summary>
    public static TheoryData<string, double, string> PublishedScores() => new()
    {
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", 8.6, "101100" },                 // [A]
        { "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U", 0.4, "112221" },             // [B]
        { "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H/E:P", 9.0, "010110" },             // [B]
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:P/CR:L/IR:L/AR:L/MAV:N/MAC:L/MAT:N/MPR:L/MUI:A/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Red", 8.5, "100011" }, // [C]
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9, "002201" },                 // [D] README
        { "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:L", 2.4, "202201" },                 // [E]
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A", 8.7, "100200" },       // [F]
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "000200" },                 // [D]
        { "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N", 8.5, "100200" },                 // [D]
        { "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:N", 7.0, "101200" },                 // [D]
        { "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", 9.1, "011100" },                 // [D]
        { "CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:L/SI:H/SA:H", 7.2, "210100" },                 // [D]
        { "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/SC:N/SI:L/SA:L/E:P/CR:M/IR:H/AR:M/MAV:X/MAC:L/MAT:P/MPR:N/MUI:X/MVC:H/MVI:X/MVA:L/MSC:N/MSI:X/MSA:L", 2.4, "111211" }, // [D]
        { "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:N/SC:L/SI:H/SA:H/E:X/CR:L/IR:X/AR:L/MAV:X/MAC:X/MAT:P/MPR:N/MUI:P/MVC:X/MVI:X/MVA:H/MSC:L/MSI:N/MSA:S", 7.3, "111001" }, // [D]
        { "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:L/VI:L/VA:H/SC:L/SI:L/SA:L/E:U/CR:L/IR:L/AR:M/MAV:A/MAC:H/MAT:X/MPR:L/MUI:A/MVC:X/MVI:H/MVA:H/MSC:X/MSI:L/MSA:X", 0.2, "211221" }, // [D]
        { "CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:P/VC:H/VI:H/VA:N/SC:L/SI:N/SA:L/E:U/CR:H/IR:H/AR:H/MAV:X/MAC:X/MAT:X/MPR:H/MUI:N/MVC:N/MVI:N/MVA:N/MSC:L/MSI:H/MSA:S", 2.4, "112021" }, // [D] exact 2.35 tie
        { "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:L/SI:N/SA:H/E:P/CR:L/IR:X/AR:H/MAV:P/MAC:L/MAT:N/MPR:X/MUI:P/MVC:N/MVI:L/MVA:L/MSC:H/MSI:H/MSA:X", 2.1, "202111" }, // [D]
        { "CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:P/VC:L/VI:L/VA:L/SC:L/SI:H/SA:H/E:P/CR:X/IR:X/AR:M/MAV:X/MAC:X/MAT:X/MPR:H/MUI:N/MVC:L/MVI:X/MVA:L/MSC:H/MSI:H/MSA:L", 2.2, "112111" }, // [D]
        { "CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:H/SA:H/E:X/CR:M/IR:M/AR:L/MAV:L/MAC:X/MAT:N/MPR:H/MUI:A/MVC:X/MVI:H/MVA:L/MSC:N/MSI:S/MSA:S", 5.4, "211001" }, // [D]
        { "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:A/VC:N/VI:N/VA:H/SC:H/SI:L/SA:L/E:P/CR:M/IR:H/AR:H/MAV:P/MAC:X/MAT:P/MPR:N/MUI:A/MVC:H/MVI:H/MVA:N/MSC:L/MSI:N/MSA:L", 4.0, "210210" }, // [D]
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, "000100" },               // [D]
    };

    [Theory]
    [MemberData(nameof(PublishedScores))]
    public void Score_matches_the_published_score(string vector, double expected, string macroVector)
    {
        var parsed = CvssV4Vector.Parse(vector, out var error);
        Assert.True(parsed != null, error);
        Assert.Equal(macroVector, string.Concat(CvssV4.MacroVector(parsed)));
        Assert.Equal(expected, CvssV4.Score(vector, out _));
    }

    [Fact]
    public void The_published_cases_reach_every_level_of_every_equivalence_class()
    {
        int[] levels = [3, 2, 3, 3, 3, 2];
        var reached = PublishedScores().Select(row => (string)row[2]).SelectMany(mv => mv.Select((c, i) => (i, c - '0'))).ToHashSet();
        for (var eq = 0; eq < levels.Length; eq++)
            for (var level = 0; level < levels[eq]; level++)
                Assert.Contains((eq, level), reached);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N")]
    public void No_impact_on_either_system_scores_zero(string vector) => Assert.Equal(0.0, CvssV4.Score(vector, out _));

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N")]                       // SA missing
    [InlineData("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]                 // base out of order
    [InlineData("CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]            // repeated base
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:A")]         // repeated optional
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:A")]            // unknown metric
    [InlineData("CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]                 // X is not a base value
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N")]                 // S only for MSI/MSA
    [InlineData("CVSS:4.0/AV:n/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]                 // values are case-sensitive
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/")]                // empty metric
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red")]           // U values are Clear/Green/Amber/Red
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:N/E:A")]         // supplemental before threat
    // RedHatProductSecurity/cvss issue 63: environmental metrics after supplemental, threat last; the FIRST
    // reference calculator rejects metrics out of the specification's order.
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:H/S:N/AU:N/R:I/V:C/RE:M/U:Green/MAV:A/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:N/MVA:H/MSC:H/MSI:H/MSA:H/CR:H/IR:M/AR:H/E:A")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
    [InlineData("CVSS:4.0")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_vectors_have_no_score_and_a_reason(string? vector)
    {
        Assert.Null(CvssV4Vector.Parse(vector, out var parseError));
        Assert.NotNull(parseError);
        Assert.Null(CvssV4.Score(vector!, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Every_base_vector_scores_between_0_and_10_with_the_first_decimal_only()
    {
        string[][] values =
        [
            ["N", "A", "L", "P"], ["L", "H"], ["N", "P"], ["N", "L", "H"], ["N", "P", "A"],
            ["H", "L", "N"], ["H", "L", "N"], ["H", "L", "N"], ["H", "L", "N"], ["H", "L", "N"], ["H", "L", "N"],
        ];
        string[] names = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"];
        IEnumerable<string> vectors = ["CVSS:4.0"];
        for (var i = 0; i < names.Length; i++)
        {
            var metric = i;
            vectors = vectors.SelectMany(prefix => values[metric].Select(v => $"{prefix}/{names[metric]}:{v}"));
        }
        var count = 0;
        foreach (var vector in vectors)
        {
            var score = CvssV4.Score(vector, out var error);
            Assert.True(score is >= 0 and <= 10, $"{vector}: {score} {error}");
            Assert.Equal(Math.Round(score!.Value, 1), score.Value);
            count++;
        }
        Assert.Equal(104_976, count);
    }

    private static IEnumerable<(string Name, string Text)> OsvRecordsWithV4() =>
        Directory.EnumerateFiles(TestData.Path("osv"), "*.json", SearchOption.AllDirectories).Order()
            .Select(file => (Path.GetRelativePath(TestData.Path("osv"), file), File.ReadAllText(file)))
            .Where(record => record.Item2.Contains("CVSS_V4"));

    /// <summary>
    /// Every well-formed CVSS_V4 vector published in the OSV test data scores; and where a record gives no CVSS v3 vector, the
    /// rating of our v4 score equals the record's own severity word (GHSA database_specific, Bitnami), which its
    /// source derived from the same vector.
    /// </summary>
    [Fact]
    public void Real_osv_v4_vectors_score_and_agree_with_the_record_word_when_v4_is_their_only_cvss()
    {
        var scored = 0;
        var compared = 0;
        var rejected = new List<string>();
        foreach (var (name, text) in OsvRecordsWithV4())
        {
            using var doc = JsonDocument.Parse(text);
            var severities = SeverityEntries(doc.RootElement).ToList();
            foreach (var vector in severities.Where(s => s.Type == "CVSS_V4").Select(s => s.Score))
            {
                var score = CvssV4.Score(vector, out var error);
                if (score == null)
                {
                    rejected.Add($"{name}: {error}");
                    continue;
                }
                scored++;
                if (severities.Any(s => s.Type == "CVSS_V3")) continue;
                var word = doc.RootElement.TryGetProperty("database_specific", out var db) && db.ValueKind == JsonValueKind.Object
                           && db.TryGetProperty("severity", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null;
                var expected = SeverityRating.FromWord(word);
                if (expected == Severities.Unknown) continue;
                Assert.True(expected == SeverityRating.FromScore(score!.Value, "4"), $"{name}: {vector} scored {score}, record says {word}");
                compared++;
            }
        }
        Assert.True(scored >= 200, $"only {scored} v4 vectors found");
        // The one malformed vector in the data lists base metrics out of the specification's order (VC/SC/VI/SI/VA/SA).
        Assert.Equal(["PyPI/PYSEC-2026-2.json: base metric VI missing or out of order"], rejected);
        Assert.True(compared >= 30, $"only {compared} v4-only records carry a severity word");
    }

    private static IEnumerable<(string Type, string Score)> SeverityEntries(JsonElement record)
    {
        IEnumerable<JsonElement> lists = [];
        if (record.TryGetProperty("severity", out var top) && top.ValueKind == JsonValueKind.Array) lists = lists.Append(top);
        if (record.TryGetProperty("affected", out var affected) && affected.ValueKind == JsonValueKind.Array)
            foreach (var a in affected.EnumerateArray())
                if (a.ValueKind == JsonValueKind.Object && a.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.Array)
                    lists = lists.Append(s);
        foreach (var list in lists)
            foreach (var s in list.EnumerateArray())
                if (s.ValueKind == JsonValueKind.Object && s.TryGetProperty("type", out var t) && s.TryGetProperty("score", out var v))
                    yield return (t.GetString() ?? "", v.GetString() ?? "");
    }

    [Fact]
    public void A_record_whose_v4_vector_is_out_of_order_is_rated_by_its_v3_vector()
    {
        var record = FeedFolder.Real("PyPI", "PYSEC-2026-2");
        var advisory = Osv.OsvReader.Read(record.ToJsonString()).Advisory!;
        var (severity, cvss) = Matching.SeverityAssessor.Assess(advisory, advisory.Affected[0]);
        var v3 = (string)record["severity"]!.AsArray().First(s => (string?)s!["type"] == "CVSS_V3")!["score"]!;
        Assert.Equal("3.1", cvss?.Version);
        Assert.Equal(v3, cvss?.Vector);
        Assert.Equal(SeverityRating.FromScore(CvssV3.BaseScore(v3, out _)!.Value, "3"), severity);
    }

    [Theory]
    [InlineData(10.0, Severities.Critical)]
    [InlineData(9.0, Severities.Critical)]
    [InlineData(8.9, Severities.High)]
    [InlineData(7.0, Severities.High)]
    [InlineData(6.9, Severities.Medium)]
    [InlineData(4.0, Severities.Medium)]
    [InlineData(3.9, Severities.Low)]
    [InlineData(0.1, Severities.Low)]
    [InlineData(0.0, Severities.Unknown)]   // "None": rates nothing
    public void V4_qualitative_scale(double score, string expected) => Assert.Equal(expected, SeverityRating.FromScore(score, "4"));
}
