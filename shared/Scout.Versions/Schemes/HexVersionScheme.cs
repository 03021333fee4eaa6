namespace Scout.Versions.Schemes;

/// <summary>
/// Hex ordering as Elixir's Version.compare does it: strict SemVer 2.0 (MAJOR.MINOR.PATCH required, no leading
/// zeros, no 'v'), pre-releases by SemVer precedence, build metadata ignored (as node-semver; unlike Rust's semver).
/// </summary>
public sealed class HexVersionScheme : VersionScheme<SemVerValue>
{
    public static readonly HexVersionScheme Instance = new();

    public override string Name => "hex-semver";

    protected override SemVerValue? Parse(string version) => SemVer.Parse(version, SemVer.Rules.Strict);

    protected override int CompareParsed(SemVerValue a, SemVerValue b) => SemVer.ComparePrecedence(a, b);
}
