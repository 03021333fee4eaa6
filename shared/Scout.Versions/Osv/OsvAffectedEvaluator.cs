using Scout.Versions.Schemes;

namespace Scout.Versions.Osv;

/// <summary>
/// The OSV schema's evaluation (IsVulnerable / IncludedInRanges / BeforeLimits) for one affected[] entry:
/// the version is affected if it equals a listed version or lies in any range. Events are sorted by the range
/// type's order ("0" first, a "*" limit last, and on equal versions introduced before the others, so
/// introduced X + fixed X is empty and introduced X + last_affected X is exactly X). ECOSYSTEM ranges use the
/// ecosystem's scheme, SEMVER ranges SemVer 2.0 whatever the ecosystem; GIT ranges need a commit graph and are
/// not evaluated. Whatever cannot be decided (unknown scheme, invalid installed or event version, GIT only)
/// makes the answer Indeterminate unless something else says Affected.
/// </summary>
public static class OsvAffectedEvaluator
{
    public const string GitNotEvaluated = "GIT range not evaluated";

    public static AffectedVerdict Evaluate(
        IVersionScheme? scheme, string installedVersion, IReadOnlyList<string> versions, IReadOnlyList<OsvRange> ranges)
    {
        var undecided = new List<string>();
        var notes = new List<string>();

        foreach (var range in ranges ?? [])
        {
            var type = range.Type?.ToUpperInvariant();
            if (type == OsvRange.Git)
            {
                if (!notes.Contains(GitNotEvaluated)) notes.Add(GitNotEvaluated);
                continue;
            }
            var rangeScheme = type switch
            {
                OsvRange.SemVer => SemVerVersionScheme.Instance,
                OsvRange.Ecosystem => scheme,
                _ => null,
            };
            if (rangeScheme is null)
            {
                undecided.Add(type == OsvRange.Ecosystem
                    ? "no version scheme for this ecosystem"
                    : $"unknown range type '{range.Type}'");
                continue;
            }
            var result = OsvRangeEvaluation.Evaluate(rangeScheme, installedVersion, range.Events ?? []);
            if (result.Affected)
                return new AffectedVerdict(AffectedStatus.Affected, Join(notes), result.Interval);
            if (result.Undecided is not null) undecided.Add(result.Undecided);
        }

        // After the ranges, so that a version both listed and in a range reports the range.
        var listed = MatchListedVersion(scheme, installedVersion, versions ?? [], undecided);
        if (listed is not null)
            return new AffectedVerdict(AffectedStatus.Affected, Join(notes), "=" + listed);

        if (undecided.Count > 0)
            return new AffectedVerdict(AffectedStatus.Indeterminate, Join([.. undecided, .. notes]), null);
        var decidedSomething = (versions?.Count ?? 0) > 0
            || (ranges ?? []).Any(r => !string.Equals(r.Type, OsvRange.Git, StringComparison.OrdinalIgnoreCase));
        if (!decidedSomething && notes.Count > 0)
            return new AffectedVerdict(AffectedStatus.Indeterminate, GitNotEvaluated, null);
        return new AffectedVerdict(AffectedStatus.NotAffected, Join(notes), null);
    }

    private static string? MatchListedVersion(IVersionScheme? scheme, string installed, IReadOnlyList<string> versions, List<string> undecided)
    {
        if (versions.Count == 0) return null;
        foreach (var v in versions)
            if (string.Equals(v, installed, StringComparison.Ordinal)) return v;
        if (scheme is null)
        {
            undecided.Add("no version scheme for this ecosystem to compare the listed versions");
            return null;
        }
        if (!scheme.IsValid(installed))
        {
            undecided.Add($"installed version '{installed}' is not a valid {scheme.Name} version");
            return null;
        }
        // Spellings the ecosystem treats as the same version (1.0 and 1.0.0 in PyPI) match too.
        foreach (var v in versions)
            if (scheme.Compare(installed, v) == 0) return v;
        return null;
    }

    private static string? Join(IReadOnlyCollection<string> parts) => parts.Count == 0 ? null : string.Join("; ", parts.Distinct());
}
