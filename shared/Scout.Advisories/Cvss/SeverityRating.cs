using Scout.Core.Model;

namespace Scout.Advisories.Cvss;

/// <summary>Maps scores and database severity words onto the finding's severity scale.</summary>
public static class SeverityRating
{
    /// <summary>CVSS v3/v4 qualitative scale. A 0.0 ("None") score says nothing actionable: unknown.</summary>
    public static string FromScore(double score, string cvssVersion) => cvssVersion.StartsWith('2')
        ? score >= 7.0 ? Severities.High : score >= 4.0 ? Severities.Medium : score > 0 ? Severities.Low : Severities.Unknown
        : score >= 9.0 ? Severities.Critical : score >= 7.0 ? Severities.High : score >= 4.0 ? Severities.Medium : score > 0 ? Severities.Low : Severities.Unknown;

    /// <summary>Database words: GHSA CRITICAL/HIGH/MODERATE/LOW, Bitnami "High", Android "Moderate", Ubuntu priorities, Debian urgencies.</summary>
    public static string FromWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "critical" => Severities.Critical,
        "high" or "important" => Severities.High,
        "moderate" or "medium" => Severities.Medium,
        "low" or "negligible" or "unimportant" => Severities.Low,
        _ => Severities.Unknown,
    };
}
