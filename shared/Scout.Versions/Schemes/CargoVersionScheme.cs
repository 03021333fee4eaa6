namespace Scout.Versions.Schemes;

/// <summary>
/// crates.io ordering as Rust's semver crate (Version::parse and Ord) does it: exact SemVer 2.0 grammar (no 'v',
/// no blanks, no leading zeros in core numbers or numeric pre-release identifiers, core numbers fit u64).
/// Unlike node-semver and SemVer §10, Ord also orders build metadata after equal precedence: no build first,
/// then identifier by identifier, numeric before alphanumeric, numbers by value then by length (0 &lt; 00 &lt; 1).
/// </summary>
public sealed class CargoVersionScheme : VersionScheme<SemVerValue>
{
    public static readonly CargoVersionScheme Instance = new();

    public override string Name => "cargo-semver";

    protected override SemVerValue? Parse(string version)
    {
        var parsed = SemVer.Parse(version, SemVer.Rules.Strict);
        if (parsed is null) return null;
        foreach (var n in (string[])[parsed.Major, parsed.Minor, parsed.Patch])
            if (!ulong.TryParse(n, out _)) return null;
        return parsed;
    }

    protected override int CompareParsed(SemVerValue a, SemVerValue b)
    {
        var c = SemVer.ComparePrecedence(a, b);
        return c != 0 ? c : CompareBuild(a.Build, b.Build);
    }

    private static int CompareBuild(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == 0 ? (b.Length == 0 ? 0 : -1) : 1;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            bool an = NumericText.IsDigits(a[i]), bn = NumericText.IsDigits(b[i]);
            int c;
            if (an && bn)
            {
                c = NumericText.Compare(a[i], b[i]);
                if (c == 0) c = a[i].Length.CompareTo(b[i].Length);
            }
            else if (an) return -1;
            else if (bn) return 1;
            else c = Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
