namespace Scout.Versions.Schemes;

/// <summary>
/// Pub ordering as Dart's pub_semver Version.compareTo does it: MAJOR.MINOR.PATCH with optional pre-release and
/// build, leading zeros accepted (numbers by value, so 1.0.0-01 equals 1.0.0-1). Pub departs from SemVer §10 on
/// build metadata: a build sorts AFTER the same version without one (1.0.0 &lt; 1.0.0+1), builds compared like
/// pre-release identifiers.
/// </summary>
public sealed class PubVersionScheme : VersionScheme<SemVerValue>
{
    public static readonly PubVersionScheme Instance = new();

    public override string Name => "pub-semver";

    protected override SemVerValue? Parse(string version) => SemVer.Parse(version, SemVer.Rules.LeadingZeros);

    protected override int CompareParsed(SemVerValue a, SemVerValue b)
    {
        var c = SemVer.ComparePrecedence(a, b);
        if (c != 0) return c;
        if (a.Build.Length == 0 || b.Build.Length == 0)
            return a.Build.Length == 0 ? (b.Build.Length == 0 ? 0 : -1) : 1;
        return SemVer.CompareIdentifierLists(a.Build, b.Build);
    }
}
