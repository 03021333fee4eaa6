namespace Scout.Advisories.Vex;

/// <summary>
/// One VEX claim, format-neutral: "vulnerability V (also known as Aliases) has Status for these products".
/// Products are purls; an image purl (pkg:oci/...) without subcomponents applies to every package of the image.
/// </summary>
public sealed record VexStatement(
    string DocumentId,
    string Vulnerability,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Products,
    string Status,
    string? Justification)
{
    /// <summary>Statuses that mean "this finding does not apply": the finding stays, marked suppressed.</summary>
    public bool Suppresses => Status is VexStatuses.NotAffected or VexStatuses.FalsePositive;
}

public static class VexStatuses
{
    public const string NotAffected = "not_affected";
    public const string Affected = "affected";
    public const string Fixed = "fixed";
    public const string UnderInvestigation = "under_investigation";
    /// <summary>CycloneDX analysis.state false_positive: the same effect as not_affected.</summary>
    public const string FalsePositive = "false_positive";
}
