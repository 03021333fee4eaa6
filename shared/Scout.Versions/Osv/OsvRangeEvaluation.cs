namespace Scout.Versions.Osv;

/// <summary>One ECOSYSTEM or SEMVER range evaluated under one scheme.</summary>
internal static class OsvRangeEvaluation
{
    internal readonly record struct Result(bool Affected, string? Interval, string? Undecided);

    private static readonly string[] KindOrder = [OsvEvent.Introduced, OsvEvent.Limit, OsvEvent.Fixed, OsvEvent.LastAffected];

    public static Result Evaluate(IVersionScheme scheme, string installed, IReadOnlyList<OsvEvent> events)
    {
        if (!scheme.IsValid(installed))
            return new Result(false, null, $"installed version '{installed}' is not a valid {scheme.Name} version");

        var sorted = SortEvents(scheme, events, out var problem);
        if (sorted is null) return new Result(false, null, problem);

        if (!BeforeLimits(scheme, installed, sorted)) return new Result(false, null, null);

        var vulnerable = false;
        OsvEvent? opening = null;
        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            switch (e.Kind)
            {
                case OsvEvent.Introduced when IsZero(e.Value) || scheme.Compare(installed, e.Value) >= 0:
                    vulnerable = true;
                    opening = e;
                    break;
                case OsvEvent.Fixed when scheme.Compare(installed, e.Value) >= 0:
                    vulnerable = false;
                    break;
                case OsvEvent.LastAffected when scheme.Compare(installed, e.Value) > 0:
                    vulnerable = false;
                    break;
            }
        }
        if (!vulnerable) return new Result(false, null, null);
        return new Result(true, IntervalText(sorted, opening), null);
    }

    /// <summary>Events in the scheme's order; null (with the reason) when a value cannot be ordered.</summary>
    internal static List<OsvEvent>? SortEvents(IVersionScheme scheme, IReadOnlyList<OsvEvent> events, out string? problem)
    {
        problem = null;
        foreach (var e in events)
        {
            if (e is null || Array.IndexOf(KindOrder, e.Kind) < 0)
            {
                problem = $"unknown range event '{e?.Kind}'";
                return null;
            }
            if (IsZero(e.Value) && e.Kind == OsvEvent.Introduced) continue;
            if (e.Kind == OsvEvent.Limit && e.Value == "*") continue;
            if (e.Value is null || !scheme.IsValid(e.Value))
            {
                problem = $"{e.Kind} version '{e.Value}' is not a valid {scheme.Name} version";
                return null;
            }
        }
        var list = events.ToList();
        // List.Sort is not stable; the index keeps equal events in a fixed order.
        var indexed = list.Select((e, i) => (e, i)).ToList();
        indexed.Sort((x, y) =>
        {
            var c = CompareEventVersions(scheme, x.e, y.e);
            if (c == 0) c = Array.IndexOf(KindOrder, x.e.Kind).CompareTo(Array.IndexOf(KindOrder, y.e.Kind));
            return c != 0 ? c : x.i.CompareTo(y.i);
        });
        return indexed.Select(p => p.e).ToList();
    }

    private static int Rank(OsvEvent e) =>
        e.Kind == OsvEvent.Introduced && IsZero(e.Value) ? -1 : e.Kind == OsvEvent.Limit && e.Value == "*" ? 1 : 0;

    private static int CompareEventVersions(IVersionScheme scheme, OsvEvent a, OsvEvent b)
    {
        int ra = Rank(a), rb = Rank(b);
        if (ra != 0 || rb != 0) return ra.CompareTo(rb);
        return scheme.Compare(a.Value, b.Value) ?? 0;
    }

    internal static bool IsZero(string? value) => value == "0";

    private static bool BeforeLimits(IVersionScheme scheme, string installed, List<OsvEvent> events)
    {
        var any = false;
        foreach (var e in events)
        {
            if (e.Kind != OsvEvent.Limit) continue;
            any = true;
            if (e.Value == "*" || scheme.Compare(installed, e.Value) < 0) return true;
        }
        return !any;
    }

    /// <summary>The interval that holds the version, e.g. "&gt;=1.0.0, &lt;1.2.3".</summary>
    private static string IntervalText(List<OsvEvent> sorted, OsvEvent? opening)
    {
        var parts = new List<string>();
        if (opening is not null && !IsZero(opening.Value)) parts.Add(">=" + opening.Value);
        var start = opening is null ? 0 : sorted.IndexOf(opening) + 1;
        for (var i = start; i < sorted.Count; i++)
        {
            var e = sorted[i];
            if (e.Kind == OsvEvent.Fixed) { parts.Add("<" + e.Value); break; }
            if (e.Kind == OsvEvent.LastAffected) { parts.Add("<=" + e.Value); break; }
        }
        foreach (var limit in sorted.Where(e => e.Kind == OsvEvent.Limit && e.Value != "*"))
            parts.Add("<" + limit.Value + " (limit)");
        return parts.Count == 0 ? "*" : string.Join(", ", parts);
    }
}
