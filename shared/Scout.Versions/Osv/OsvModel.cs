namespace Scout.Versions.Osv;

/// <summary>One event of an OSV range: Kind is introduced, fixed, last_affected or limit.</summary>
public sealed record OsvEvent(string Kind, string Value)
{
    public const string Introduced = "introduced";
    public const string Fixed = "fixed";
    public const string LastAffected = "last_affected";
    public const string Limit = "limit";
}

/// <summary>An OSV affected[].ranges[] entry; Type is ECOSYSTEM, SEMVER or GIT, its events in order. The one range
/// model of the code base: the advisory reader builds it and the evaluators read it as it is.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events)
{
    public const string Ecosystem = "ECOSYSTEM";
    public const string SemVer = "SEMVER";
    public const string Git = "GIT";

    /// <summary>The repository of a GIT range (null otherwise).</summary>
    public string? Repo { get; init; }

    public IEnumerable<string> FixedVersions => Events.Where(e => e.Kind == OsvEvent.Fixed).Select(e => e.Value);
}

public enum AffectedStatus { Affected, NotAffected, Indeterminate }

/// <summary>The answer for one installed version against one affected[] entry.</summary>
public sealed record AffectedVerdict(AffectedStatus Status, string? Reason, string? MatchedRange);
