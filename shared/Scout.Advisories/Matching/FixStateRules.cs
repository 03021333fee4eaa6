using Scout.Versions.Osv;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Matching;

/// <summary>Fix state and range text of an affected entry that matched.</summary>
public static class FixStateRules
{
    /// <summary>
    /// fixed: the entry names a fixed version. wont-fix: the distro marked the issue "unimportant" (Debian's
    /// tracker: no fix will be shipped) and names no fix. not-fixed: a range is open (introduced with no fix, or a
    /// last_affected bound with no fix published). unknown: the match came from a versions list alone.
    /// </summary>
    public static string Of(OsvAffected affected)
    {
        var ranges = affected.Ranges.Where(r => r.Type != "GIT").ToList();
        if (ranges.Any(r => r.FixedVersions.Any())) return FixStates.Fixed;
        if (string.Equals(affected.Urgency, "unimportant", StringComparison.OrdinalIgnoreCase)) return FixStates.WontFix;
        return ranges.Count > 0 ? FixStates.NotFixed : FixStates.Unknown;
    }

    public static IEnumerable<string> FixedVersions(OsvAffected affected) =>
        affected.Ranges.Where(r => r.Type != "GIT").SelectMany(r => r.FixedVersions);

    /// <summary>An entry's ranges as text, when the evaluator named no interval (e.g. an indeterminate answer).</summary>
    public static string Describe(OsvAffected affected) =>
        affected.Ranges.Count == 0 ? "affected versions list" : string.Join("; ", affected.Ranges.Select(Describe));

    /// <summary>A range as text: "&gt;=1.0, &lt;1.4.2" per introduced/fixed pair.</summary>
    public static string Describe(OsvRange range)
    {
        var parts = new List<string>();
        string? lower = null;
        foreach (var e in range.Events)
        {
            switch (e.Kind)
            {
                case OsvEvent.Introduced: lower = e.Value == "0" ? null : e.Value; break;
                case OsvEvent.Fixed: parts.Add(Span(lower, "<" + e.Value)); lower = null; break;
                case OsvEvent.LastAffected: parts.Add(Span(lower, "<=" + e.Value)); lower = null; break;
                case OsvEvent.Limit: parts.Add(Span(lower, "<" + e.Value)); lower = null; break;
            }
        }
        var open = range.Events.Count > 0 && range.Events[^1].Kind == OsvEvent.Introduced;
        if (open) parts.Add(lower == null ? "*" : ">=" + lower);
        return $"{range.Type}: " + string.Join(" || ", parts);
    }

    private static string Span(string? lower, string upper) => lower == null ? upper : $">={lower}, {upper}";
}
