using Scout.Advisories.Cvss;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Matching;

/// <summary>
/// Severity of a matched advisory, from the newest CVSS version the record gives that our calculators score:
/// a valid CVSS v4.0 vector first, then a CVSS v3.x vector, then the database's own word (database_specific /
/// ecosystem_specific severity, Ubuntu priority), then a CVSS v2 vector. v4 wins over v3 when a record carries both
/// because it is the assessment the source published last and the one NVD and GitHub now display first; a 0.0
/// ("None") score rates nothing, so the database word decides then while the scored vector is still reported.
/// </summary>
public static class SeverityAssessor
{
    // An affected entry belongs to one advisory record, which is immutable: its assessment never changes.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OsvAffected, Assessment> cache = new();

    private sealed record Assessment(string Severity, CvssScore? Cvss);

    public static (string Severity, CvssScore? Cvss) Assess(OsvAdvisory advisory, OsvAffected affected)
    {
        var a = cache.GetValue(affected, _ => Compute(advisory, affected));
        return (a.Severity, a.Cvss);
    }

    private static Assessment Compute(OsvAdvisory advisory, OsvAffected affected)
    {
        var (severity, cvss) = ComputeTuple(advisory, affected);
        return new Assessment(severity, cvss);
    }

    private static (string Severity, CvssScore? Cvss) ComputeTuple(OsvAdvisory advisory, OsvAffected affected)
    {
        var all = affected.Severity.Concat(advisory.Severity).ToList();
        foreach (var s in all.Where(s => s.Type == "CVSS_V4"))
        {
            var score = CvssV4.Score(s.Score, out _);
            if (score == null) continue;
            var rating = SeverityRating.FromScore(score.Value, "4");
            return (rating != Severities.Unknown ? rating : WordSeverity(advisory, affected, all), new CvssScore("4.0", s.Score, score));
        }
        foreach (var s in all.Where(s => s.Type == "CVSS_V3"))
        {
            var score = CvssV3.BaseScore(s.Score, out _);
            if (score != null) return (SeverityRating.FromScore(score.Value, "3"), new CvssScore(s.Score.Split('/')[0]["CVSS:".Length..], s.Score, score));
        }
        var word = WordSeverity(advisory, affected, all);
        // An unscorable v4 vector is still reported as published, unscored.
        if (all.FirstOrDefault(s => s.Type == "CVSS_V4") is { } s4) return (word, new CvssScore("4.0", s4.Score, null));
        foreach (var s in all.Where(s => s.Type == "CVSS_V2"))
        {
            var score = CvssV2.BaseScore(s.Score, out _);
            if (score != null) return (word != Severities.Unknown ? word : SeverityRating.FromScore(score.Value, "2"), new CvssScore("2.0", s.Score, score));
        }
        return (word, null);
    }

    private static string WordSeverity(OsvAdvisory advisory, OsvAffected affected, List<OsvSeverity> all)
    {
        foreach (var candidate in new[]
                 {
                     affected.EntrySeverity, advisory.DatabaseSeverity,
                     all.FirstOrDefault(s => s.Type == "Ubuntu")?.Score, affected.DistroPriority, affected.Urgency,
                 })
        {
            var rating = SeverityRating.FromWord(candidate);
            if (rating != Severities.Unknown) return rating;
        }
        return Severities.Unknown;
    }
}
