namespace Scout.Versions.Osv;

/// <summary>Human renderings of OSV ranges for findings: the fixed versions and the affected intervals.</summary>
public static class OsvRangeText
{
    /// <summary>
    /// The distinct fixed versions of the ECOSYSTEM and SEMVER ranges (GIT fixes are commits, not versions),
    /// in the scheme's order when it can order them, otherwise in the order they appear.
    /// </summary>
    public static IReadOnlyList<string> FixedVersions(IVersionScheme? scheme, IReadOnlyList<OsvRange> ranges)
    {
        var fixes = new List<(string Value, IVersionScheme? Order)>();
        foreach (var range in ranges ?? [])
        {
            if (string.Equals(range.Type, OsvRange.Git, StringComparison.OrdinalIgnoreCase)) continue;
            var order = string.Equals(range.Type, OsvRange.SemVer, StringComparison.OrdinalIgnoreCase)
                ? Schemes.SemVerVersionScheme.Instance : scheme;
            foreach (var e in range.Events ?? [])
                if (e.Kind == OsvEvent.Fixed && !string.IsNullOrEmpty(e.Value) && !fixes.Any(f => f.Value == e.Value))
                    fixes.Add((e.Value, order));
        }
        var orders = fixes.Select(f => f.Order).Distinct().ToList();
        var sorter = orders.Count == 1 ? orders[0] : null;
        if (fixes.Count > 1 && sorter is not null && fixes.All(f => sorter.IsValid(f.Value)))
            fixes.Sort((x, y) => sorter.Compare(x.Value, y.Value) ?? 0);
        return fixes.Select(f => f.Value).ToList();
    }

    /// <summary>
    /// The fixed versions that would cure the installed version: those ordered after it (all of them when it
    /// cannot be ordered).
    /// </summary>
    public static IReadOnlyList<string> FixedVersionsAfter(IVersionScheme? scheme, string installedVersion, IReadOnlyList<OsvRange> ranges)
    {
        var all = FixedVersions(scheme, ranges);
        if (scheme is null || !scheme.IsValid(installedVersion)) return all;
        var after = all.Where(f => scheme.Compare(f, installedVersion) is null or > 0).ToList();
        return after;
    }

    /// <summary>Each range's affected intervals, e.g. "&gt;=1.0.0, &lt;1.2.3 || &gt;=2.0.0, &lt;=2.0.4" (events in the given order
    /// sorted by the scheme when possible).</summary>
    public static string Describe(IVersionScheme? scheme, OsvRange range)
    {
        if (string.Equals(range.Type, OsvRange.Git, StringComparison.OrdinalIgnoreCase))
            return "git " + string.Join(", ", (range.Events ?? []).Select(e => $"{e.Kind} {e.Value}"));
        var order = string.Equals(range.Type, OsvRange.SemVer, StringComparison.OrdinalIgnoreCase)
            ? Schemes.SemVerVersionScheme.Instance : scheme;
        var events = order is null ? null : OsvRangeEvaluation.SortEvents(order, range.Events ?? [], out _);
        events ??= [.. range.Events ?? []];
        var intervals = new List<string>();
        string? lower = null;
        var open = false;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case OsvEvent.Introduced when !open:
                    open = true;
                    lower = OsvRangeEvaluation.IsZero(e.Value) ? null : ">=" + e.Value;
                    break;
                case OsvEvent.Fixed or OsvEvent.LastAffected when open:
                    var upper = (e.Kind == OsvEvent.Fixed ? "<" : "<=") + e.Value;
                    intervals.Add(lower is null ? upper : lower + ", " + upper);
                    open = false;
                    break;
            }
        }
        if (open) intervals.Add(lower ?? "*");
        var limits = (range.Events ?? []).Where(e => e.Kind == OsvEvent.Limit && e.Value != "*").Select(e => "<" + e.Value).ToList();
        var text = string.Join(" || ", intervals);
        return limits.Count == 0 ? text : $"{text} (limit {string.Join(", ", limits)})";
    }
}
