using System.Text.Json.Serialization;

namespace Scout.Core.Model;

/// <summary>A risk overlaid on an image: a vulnerability, a leaked secret, or a match we could not decide.</summary>
public sealed record Finding
{
    /// <summary>The advisory id (preferred id after alias merging), or the secret rule id for secrets.</summary>
    public required string Id { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>vulnerability | secret | indeterminate</summary>
    public required string Kind { get; init; }
    public string? Purl { get; init; }
    public string? InstalledVersion { get; init; }
    public IReadOnlyList<string> AffectedRanges { get; init; } = [];
    public IReadOnlyList<string> FixedVersions { get; init; } = [];
    /// <summary>fixed | not-fixed | wont-fix | unknown</summary>
    public string FixState { get; init; } = FixStates.Unknown;
    /// <summary>critical | high | medium | low | unknown</summary>
    public string Severity { get; init; } = Severities.Unknown;
    public CvssScore? Cvss { get; init; }
    /// <summary>Where the advisory came from (database / feed name).</summary>
    public string? Source { get; init; }
    /// <summary>Every source whose advisory went into the finding (after alias merging), in order; null when only <see cref="Source"/>.</summary>
    public IReadOnlyList<string>? Sources { get; init; }
    public DateTimeOffset? AdvisoryModified { get; init; }
    /// <summary>The advisory feed snapshot the match was made against.</summary>
    public string? Snapshot { get; init; }
    /// <summary>How it matched: e.g. exact-purl, source-package, version-list, indeterminate-version.</summary>
    public string? MatchType { get; init; }
    public VexAssessment? Vex { get; init; }
    public bool Suppressed { get; init; }
    /// <summary>Why a finding is indeterminate, in words.</summary>
    public string? Detail { get; init; }
    // secret findings
    /// <summary>env | label</summary>
    public string? Location { get; init; }
    public string? Name { get; init; }
    public string? Rule { get; init; }

    /// <summary>Identity of a finding within one image: what a diff compares.</summary>
    [JsonIgnore]
    public string Key => Kind == FindingKinds.Secret ? $"secret|{Location}|{Name}|{Rule}" : $"{Kind}|{Id}|{Purl}";
}

public sealed record CvssScore(string Version, string Vector, double? Score);

public sealed record VexAssessment(string Status, string? Justification);

public static class FindingKinds
{
    public const string Vulnerability = "vulnerability";
    public const string Secret = "secret";
    public const string Indeterminate = "indeterminate";
}

public static class FixStates
{
    public const string Fixed = "fixed";
    public const string NotFixed = "not-fixed";
    public const string WontFix = "wont-fix";
    public const string Unknown = "unknown";
}

public static class Severities
{
    public const string Critical = "critical";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> Ordered = [Critical, High, Medium, Low, Unknown];

    /// <summary>Higher is worse; unknown ranks lowest so a --fail-on threshold never trips on it alone.</summary>
    public static int Rank(string severity) => severity switch
    {
        Critical => 4, High => 3, Medium => 2, Low => 1, _ => 0,
    };
}
