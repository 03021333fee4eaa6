namespace Scout.Versions.Schemes;

/// <summary>
/// npm ordering as node-semver's strict parse and compare() do it: surrounding blanks trimmed, one optional 'v',
/// SemVer 2.0 grammar with no leading zeros, each core number at most 2^53-1, at most 256 characters; build
/// metadata is ignored (1.0.0+a equals 1.0.0+b; node-semver's compareBuild is not what range matching uses).
/// </summary>
public sealed class NpmVersionScheme : VersionScheme<SemVerValue>
{
    public static readonly NpmVersionScheme Instance = new();
    private const int NodeSemverMaxLength = 256;
    private const long MaxSafeInteger = 9007199254740991;

    public override string Name => "npm-semver";

    protected override SemVerValue? Parse(string version)
    {
        if (version.Length > NodeSemverMaxLength) return null;
        var s = version.AsSpan().Trim();
        if (!s.IsEmpty && s[0] == 'v') s = s[1..];
        var parsed = SemVer.Parse(s, SemVer.Rules.Strict);
        if (parsed is null) return null;
        foreach (var n in (string[])[parsed.Major, parsed.Minor, parsed.Patch])
            if (n.Length > 16 || long.Parse(n) > MaxSafeInteger) return null;
        return parsed;
    }

    protected override int CompareParsed(SemVerValue a, SemVerValue b) => SemVer.ComparePrecedence(a, b);
}
