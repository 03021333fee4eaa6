using Scout.Versions.Osv;

namespace Scout.Advisories.Osv;

/// <summary>
/// The parts of an OSV record the overlay needs, read tolerantly from real records (OSV schema 1.x).
/// The raw JSON is kept by the store; this is the parsed view the index holds.
/// </summary>
public sealed record OsvAdvisory
{
    public required string Id { get; init; }
    public DateTimeOffset Modified { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Withdrawn { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>OSV 1.7 "upstream": the advisories this one is derived from (ALPINE-CVE-x -> CVE-x).</summary>
    public IReadOnlyList<string> Upstream { get; init; } = [];
    public string? Summary { get; init; }
    public IReadOnlyList<OsvSeverity> Severity { get; init; } = [];
    public IReadOnlyList<OsvAffected> Affected { get; init; } = [];
    /// <summary>database_specific.severity (GHSA "HIGH", "MODERATE", Bitnami "High" ...).</summary>
    public string? DatabaseSeverity { get; init; }

    /// <summary>
    /// The ids naming the same vulnerability: the id, its aliases, and its upstream when that is a single id (a
    /// per-distro copy of one CVE). A multi-id upstream (a USN covering several CVEs) is not one vulnerability.
    /// </summary>
    public IEnumerable<string> SameVulnerabilityIds =>
        Upstream.Count == 1 ? Aliases.Prepend(Id).Append(Upstream[0]) : Aliases.Prepend(Id);
}

/// <summary>One severity entry: type CVSS_V2 | CVSS_V3 | CVSS_V4 | Ubuntu, and its score (a vector or a word).</summary>
public sealed record OsvSeverity(string Type, string Score);

public sealed record OsvPackage(string Ecosystem, string Name, string? Purl);

public sealed record OsvAffected
{
    /// <summary>Null for GIT-only entries (no package).</summary>
    public OsvPackage? Package { get; init; }
    public IReadOnlyList<OsvSeverity> Severity { get; init; } = [];
    public IReadOnlyList<OsvRange> Ranges { get; init; } = [];
    public IReadOnlyList<string> Versions { get; init; } = [];
    /// <summary>ecosystem_specific.severity or database_specific.severity of this entry.</summary>
    public string? EntrySeverity { get; init; }
    /// <summary>Debian / Alpine ecosystem_specific.urgency ("unimportant", "low", "not yet assigned" ...).</summary>
    public string? Urgency { get; init; }
    /// <summary>Ubuntu ecosystem_specific.ubuntu_priority ("negligible", "medium" ...).</summary>
    public string? DistroPriority { get; init; }
}

