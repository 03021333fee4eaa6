using System.Text.RegularExpressions;

namespace Scout.Versions.Schemes;

/// <summary>A PEP 440 version reduced to packaging's sort key. Numbers are kept as digit text (any size).</summary>
public sealed record Pep440Version(
    string Epoch,
    string[] Release,
    int PreKind,
    string PreNumber,
    string? Post,
    string? Dev,
    string[]? Local);

/// <summary>
/// PyPI ordering as python packaging's Version does it: the PEP 440 grammar with its spelling normalizations
/// (case, 'v' prefix, '-'/'_'/'.' separators, alpha/beta/c/pre/preview/rev/r spellings, implicit numbers,
/// "1.0-1" as a post release), trailing zeros of the release ignored, dev &lt; pre &lt; final &lt; post, and local
/// segments ordered numerically or alphabetically (numeric beats alphabetic). Anything else is invalid.
/// </summary>
public sealed partial class Pep440VersionScheme : VersionScheme<Pep440Version>
{
    public static readonly Pep440VersionScheme Instance = new();

    public override string Name => "pep440";

    // PreKind: 0 = dev-only release (sorts before any pre), 1/2/3 = a/b/rc, 4 = no pre-release.
    private const int DevOnly = 0, NoPre = 4;

    [GeneratedRegex("""
        ^\s*v?
        (?:(?<epoch>[0-9]+)!)?
        (?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?
        (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?
        (?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?
        (?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
        \s*$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    protected override Pep440Version? Parse(string version)
    {
        var m = Pattern().Match(version);
        if (!m.Success) return null;
        var release = m.Groups["release"].Value.Split('.').Select(Number).ToList();
        while (release.Count > 1 && release[^1] == "0") release.RemoveAt(release.Count - 1);
        if (release.Count == 1 && release[0] == "0") release.Clear();

        int preKind;
        var preNumber = "0";
        if (m.Groups["pre"].Success)
        {
            preKind = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => 1,
                "b" or "beta" => 2,
                _ => 3,
            };
            preNumber = Number(m.Groups["pre_n"].Value);
        }
        else
        {
            preKind = !m.Groups["post"].Success && m.Groups["dev"].Success ? DevOnly : NoPre;
        }

        string? post = null;
        if (m.Groups["post"].Success)
            post = Number(m.Groups["post_n1"].Success ? m.Groups["post_n1"].Value : m.Groups["post_n2"].Value);
        string? dev = m.Groups["dev"].Success ? Number(m.Groups["dev_n"].Value) : null;
        string[]? local = m.Groups["local"].Success
            ? m.Groups["local"].Value.ToLowerInvariant().Split('-', '_', '.').Select(p => NumericText.IsDigits(p) ? Number(p) : p).ToArray()
            : null;
        return new Pep440Version(Number(m.Groups["epoch"].Value), [.. release], preKind, preNumber, post, dev, local);
    }

    private static string Number(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    protected override int CompareParsed(Pep440Version a, Pep440Version b)
    {
        var c = NumericText.Compare(a.Epoch, b.Epoch);
        if (c != 0) return c;
        c = CompareRelease(a.Release, b.Release);
        if (c != 0) return c;
        c = a.PreKind.CompareTo(b.PreKind);
        if (c != 0) return c;
        if (a.PreKind is not (DevOnly or NoPre))
        {
            c = NumericText.Compare(a.PreNumber, b.PreNumber);
            if (c != 0) return c;
        }
        // Missing post sorts first; missing dev sorts last.
        c = CompareOptional(a.Post, b.Post, missingFirst: true);
        if (c != 0) return c;
        c = CompareOptional(a.Dev, b.Dev, missingFirst: false);
        if (c != 0) return c;
        return CompareLocal(a.Local, b.Local);
    }

    private static int CompareRelease(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length) return -1;
            if (i >= b.Length) return 1;
            var c = NumericText.Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareOptional(string? a, string? b, bool missingFirst)
    {
        if (a is null || b is null)
        {
            if (a is null && b is null) return 0;
            return (a is null) == missingFirst ? -1 : 1;
        }
        return NumericText.Compare(a, b);
    }

    private static int CompareLocal(string[]? a, string[]? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length) return -1;
            if (i >= b.Length) return 1;
            bool an = NumericText.IsDigits(a[i]), bn = NumericText.IsDigits(b[i]);
            var c = an && bn ? NumericText.Compare(a[i], b[i])
                : an ? 1
                : bn ? -1
                : Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (c != 0) return c;
        }
        return 0;
    }
}
