namespace Scout.Versions.Schemes;

/// <summary>
/// Plain SemVer 2.0 precedence, the order OSV prescribes for SEMVER ranges whatever the ecosystem: strict grammar,
/// build metadata ignored. One leading 'v' is tolerated because Go and GitHub records and purls carry it
/// (v1.2.3 is the same version as 1.2.3 to every SemVer tool that reads ranges).
/// </summary>
public sealed class SemVerVersionScheme : VersionScheme<SemVerValue>
{
    public static readonly SemVerVersionScheme Instance = new();

    public override string Name => "semver";

    protected override SemVerValue? Parse(string version)
    {
        var s = version.AsSpan();
        if (!s.IsEmpty && s[0] == 'v') s = s[1..];
        return SemVer.Parse(s, SemVer.Rules.Strict);
    }

    protected override int CompareParsed(SemVerValue a, SemVerValue b) => SemVer.ComparePrecedence(a, b);
}
