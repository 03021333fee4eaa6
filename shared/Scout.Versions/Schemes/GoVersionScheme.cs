namespace Scout.Versions.Schemes;

/// <summary>
/// Go module ordering as golang.org/x/mod/semver does it: "v" MAJOR[.MINOR[.PATCH[-pre][+build]]] (shorthands
/// v1 and v1.2 mean v1.0.0 and v1.2.0 but take no suffix), no leading zeros, build metadata ignored — so
/// "+incompatible" does not change the order — and pseudo-versions (v0.0.0-20200101000000-abcdef123456,
/// vX.Y.Z-pre.0.2020…) order by their pre-release text as SemVer says. OSV Go records omit the "v", so a
/// missing "v" is supplied before parsing.
/// </summary>
public sealed class GoVersionScheme : VersionScheme<SemVerValue>
{
    public static readonly GoVersionScheme Instance = new();

    public override string Name => "go-semver";

    protected override SemVerValue? Parse(string version)
    {
        var s = version.AsSpan();
        if (!s.IsEmpty && s[0] == 'v') s = s[1..];
        var dots = s.Count('.');
        var hasSuffix = s.IndexOfAny('-', '+') >= 0;
        if (dots < 2)
        {
            // x/mod: "v1" and "v1.2" are complete only without pre-release or build.
            if (hasSuffix) return null;
            Span<Range> parts = stackalloc Range[3];
            var count = s.Split(parts, '.');
            if (count == 0 || count > 2) return null;
            var major = s[parts[0]];
            var minor = count == 2 ? s[parts[1]] : "0";
            if (!SemVer.IsNumber(major, false) || !SemVer.IsNumber(minor, false)) return null;
            return new SemVerValue(major.ToString(), minor.ToString(), "0", [], []);
        }
        return SemVer.Parse(s, SemVer.Rules.Strict);
    }

    protected override int CompareParsed(SemVerValue a, SemVerValue b) => SemVer.ComparePrecedence(a, b);
}
