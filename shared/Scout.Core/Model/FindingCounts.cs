namespace Scout.Core.Model;

/// <summary>How an image's findings are counted: by severity, with suppressed (VEX) and indeterminate kept apart.</summary>
public static class FindingCounts
{
    public const string Suppressed = "suppressed";
    public const string Indeterminate = "indeterminate";

    public static string BucketOf(Finding finding) =>
        finding.Suppressed ? Suppressed
        : finding.Kind == FindingKinds.Indeterminate ? Indeterminate
        : finding.Severity;

    public static Dictionary<string, int> Compute(IEnumerable<Finding> findings)
    {
        var counts = Empty();
        foreach (var f in findings)
        {
            var bucket = BucketOf(f);
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }
        return counts;
    }

    /// <summary>Every bucket present with zero, so clients see the full shape.</summary>
    public static Dictionary<string, int> Empty()
    {
        var counts = new Dictionary<string, int>();
        foreach (var s in Severities.Ordered) counts[s] = 0;
        counts[Suppressed] = 0;
        counts[Indeterminate] = 0;
        return counts;
    }
}
