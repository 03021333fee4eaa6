namespace Scout.Advisories.Vex;

/// <summary>
/// One VEX claim, format-neutral: "vulnerability V (also known as Aliases) has Status for these products".
/// Products are what the claim is about (a product's subcomponents when it lists them, else the product); Targets
/// keep each product with its subcomponents, which is what <see cref="VexApplier"/> scopes by: an image product
/// (pkg:oci purl or digest) applies only to the image it identifies.
/// </summary>
public sealed record VexStatement(
    string DocumentId,
    string Vulnerability,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Products,
    string Status,
    string? Justification)
{
    /// <summary>Each product with its subcomponents (none: the claim is about the product itself).</summary>
    public IReadOnlyList<VexTarget> Targets { get; init; } = [.. Products.Select(p => new VexTarget(p, []))];

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

/// <summary>A statement's product (a purl, a pkg:oci image purl or an image digest) and the subcomponents it names.</summary>
public sealed record VexTarget(string Product, IReadOnlyList<string> Subcomponents);
