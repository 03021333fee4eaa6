using Scout.Core.Ports;

namespace Scout.Core.Residency;

/// <summary>A store, queue or client configured for a region outside the allowed US-East set (DESIGN.md section 6).</summary>
public sealed class ResidencyException(string message) : InputException(message);

/// <summary>
/// The one check every AWS client of the platform runs before it is used: data stays in us-east-1 / us-east-2.
/// Hosts call it at construction/startup so a misconfigured region fails before any request is sent.
/// </summary>
public static class AwsResidency
{
    public static readonly IReadOnlyList<string> AllowedRegions = ["us-east-1", "us-east-2"];

    /// <summary>Returns the region when allowed; throws <see cref="ResidencyException"/> naming it and the allowed set otherwise.</summary>
    public static string Require(string? region, string what)
    {
        if (string.IsNullOrWhiteSpace(region))
            throw new ResidencyException($"{what}: no AWS region is configured; set AWS_REGION to one of {string.Join(", ", AllowedRegions)}");
        var normalized = region.Trim().ToLowerInvariant();
        if (!AllowedRegions.Contains(normalized))
            throw new ResidencyException($"{what}: region '{region}' is outside US-East; data must stay in {string.Join(" or ", AllowedRegions)}");
        return normalized;
    }

    /// <summary>The region from the standard variables, AWS_REGION first, then AWS_DEFAULT_REGION.</summary>
    public static string? RegionFromEnvironment() => Settings.ScoutSettings.Current.AwsRegion;
}
