using Scout.Advisories.Cvss;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Matching;

/// <summary>
/// Severity of a matched advisory: a CVSS v3.x vector scored by our calculator first, then a CVSS v2 vector;
/// CVSS v4 vectors are recorded but not scored (the v4 macro-vector table is not implemented), so with only a v4
/// vector the database's own word (database_specific / ecosystem_specific severity, Ubuntu priority) decides.
/// </summary>
public static class SeverityAssessor
{
    public static (string Severity, CvssScore? Cvss) Assess(OsvAdvisory advisory, OsvAffected affected)
    {
        var all = affected.Severity.Concat(advisory.Severity).ToList();
        CvssScore? v4 = null;
        foreach (var s in all.Where(s => s.Type == "CVSS_V3"))
        {
            var score = CvssV3.BaseScore(s.Score, out _);
            if (score != null) return (SeverityRating.FromScore(score.Value, "3"), new CvssScore(s.Score.Split('/')[0]["CVSS:".Length..], s.Score, score));
        }
        if (all.FirstOrDefault(s => s.Type == "CVSS_V4") is { } s4) v4 = new CvssScore("4.0", s4.Score, null);
        var word = WordSeverity(advisory, affected, all);
        if (v4 != null) return (word, v4);
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
