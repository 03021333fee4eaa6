namespace Scout.Core.Model;

/// <summary>
/// One day of a tenant's trend: how many images it had and its findings counted by <see cref="FindingCounts"/> buckets
/// (open findings by severity, suppressed, indeterminate), as last recorded that day. One record per (tenant, day).
/// </summary>
public sealed record TrendSnapshot
{
    public required string TenantId { get; init; }
    /// <summary>The UTC day, yyyy-MM-dd (sorts as text).</summary>
    public required string Day { get; init; }
    public int Images { get; init; }
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
    public DateTimeOffset RecordedAt { get; init; }

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
