namespace Scout.Core.Model;

/// <summary>A tenant's policy configuration (PUT /v1/policy). Every policy is on by default with the defaults below.</summary>
public sealed record PolicyConfig
{
    public FixableVulnerabilitiesPolicy FixableVulnerabilities { get; init; } = new();
    public CopyleftLicensesPolicy CopyleftLicenses { get; init; } = new();
    public TogglePolicy BaseImageUpToDate { get; init; } = new();
    public TogglePolicy NoSecrets { get; init; } = new();
    public TogglePolicy SbomAttestation { get; init; } = new();
    public HighProfileVulnerabilitiesPolicy HighProfileVulnerabilities { get; init; } = new();
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record TogglePolicy(bool Enabled = true);

/// <summary>No fixable vulnerability at or above <see cref="MinSeverity"/>.</summary>
public sealed record FixableVulnerabilitiesPolicy(bool Enabled = true, string MinSeverity = Severities.High);

/// <summary>No package whose license expression requires one of <see cref="Licenses"/> (SPDX ids).</summary>
public sealed record CopyleftLicensesPolicy(bool Enabled = true, IReadOnlyList<string>? Licenses = null)
{
    /// <summary>The GNU family and the strong/network copyleft licenses of the SPDX License List (ids as listed there).</summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later",
        "GPL-1.0", "GPL-1.0+", "GPL-2.0", "GPL-2.0+", "GPL-3.0", "GPL-3.0+",
        "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later",
        "LGPL-2.0", "LGPL-2.0+", "LGPL-2.1", "LGPL-2.1+", "LGPL-3.0", "LGPL-3.0+",
        "AGPL-1.0-only", "AGPL-1.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "AGPL-1.0", "AGPL-3.0",
        "MPL-1.0", "MPL-1.1", "MPL-2.0", "MPL-2.0-no-copyleft-exception", "EPL-1.0", "EPL-2.0", "EUPL-1.0", "EUPL-1.1", "EUPL-1.2",
        "CDDL-1.0", "CDDL-1.1", "OSL-3.0", "SSPL-1.0", "CC-BY-SA-4.0",
    ];

    public IReadOnlyList<string> Effective => Licenses ?? Default;
}

/// <summary>No finding whose id or alias is on the tenant's list (e.g. imported from a KEV catalog).</summary>
public sealed record HighProfileVulnerabilitiesPolicy(bool Enabled = true, IReadOnlyList<string>? Ids = null);

public static class PolicyNames
{
    public const string FixableVulnerabilities = "fixable-vulnerabilities";
    public const string CopyleftLicenses = "copyleft-licenses";
    public const string BaseImageUpToDate = "base-image-up-to-date";
    public const string NoSecrets = "no-secrets";
    public const string SbomAttestation = "sbom-attestation";
    public const string HighProfileVulnerabilities = "high-profile-vulnerabilities";
}

public static class PolicyStatuses
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Unknown = "unknown";
}

/// <param name="Reasons">what violates the policy and why, one line per package or finding (or why the status is unknown)</param>
public sealed record PolicyResult(string Policy, string Status, IReadOnlyList<string> Reasons);

/// <summary>The stored evaluation of one image (GET /v1/images/{digest}/policy).</summary>
public sealed record ImagePolicyResults(string Digest, IReadOnlyList<PolicyResult> Results, DateTimeOffset EvaluatedAt);
