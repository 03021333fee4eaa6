namespace Scout.Versions.Schemes;

/// <summary>[epoch:]version[-release]; Release is null when the string has no '-'.</summary>
public sealed record RpmVersion(string Epoch, string Version, string? Release);

/// <summary>
/// RPM ordering as rpm.labelCompare does it on (epoch, version, release): a missing epoch is "0", each field is
/// compared with rpmvercmp (alphanumeric segments, digits beat letters, '~' sorts before everything including the
/// end, '^' after the end but before any further segment), and a missing release sorts before any release.
/// The string is split as NEVRA tools do: epoch before the first ':', release after the last '-'.
/// rpm refuses only an empty version field; a string with blanks (no RPM header holds one) is invalid here too.
/// </summary>
public sealed class RpmVersionScheme : VersionScheme<RpmVersion>
{
    public static readonly RpmVersionScheme Instance = new();

    public override string Name => "rpm";

    protected override RpmVersion? Parse(string version)
    {
        var text = version.Trim();
        if (text.Length == 0 || text.Any(char.IsWhiteSpace)) return null;
        var epoch = "0";
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            // labelCompare orders any epoch text with rpmvercmp, so a non-numeric one is still comparable.
            epoch = text[..colon];
            text = text[(colon + 1)..];
        }
        string? release = null;
        var hyphen = text.LastIndexOf('-');
        if (hyphen >= 0)
        {
            release = text[(hyphen + 1)..];
            text = text[..hyphen];
        }
        // rpm's rpmverNew refuses an empty version ("invalid version" from labelCompare).
        return text.Length == 0 ? null : new RpmVersion(epoch, text, release);
    }

    protected override int CompareParsed(RpmVersion a, RpmVersion b)
    {
        var c = RpmVerCmp(a.Epoch, b.Epoch);
        if (c != 0) return c;
        c = RpmVerCmp(a.Version, b.Version);
        if (c != 0) return c;
        if (a.Release is null || b.Release is null)
            return a.Release is null ? (b.Release is null ? 0 : -1) : 1;
        return RpmVerCmp(a.Release, b.Release);
    }

    private static bool IsAlpha(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsAlnum(char c) => IsAlpha(c) || char.IsAsciiDigit(c);

    /// <summary>rpmvercmp over two strings; exposed for the rpmvercmp vectors.</summary>
    public static int RpmVerCmp(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return 0;
        int one = 0, two = 0;
        char At(string s, int k) => k < s.Length ? s[k] : '\0';
        while (one < a.Length || two < b.Length)
        {
            while (one < a.Length && !IsAlnum(a[one]) && a[one] != '~' && a[one] != '^') one++;
            while (two < b.Length && !IsAlnum(b[two]) && b[two] != '~' && b[two] != '^') two++;

            if (At(a, one) == '~' || At(b, two) == '~')
            {
                if (At(a, one) != '~') return 1;
                if (At(b, two) != '~') return -1;
                one++;
                two++;
                continue;
            }
            if (At(a, one) == '^' || At(b, two) == '^')
            {
                if (one >= a.Length) return -1;
                if (two >= b.Length) return 1;
                if (At(a, one) != '^') return 1;
                if (At(b, two) != '^') return -1;
                one++;
                two++;
                continue;
            }
            if (one >= a.Length || two >= b.Length) break;

            int end1 = one, end2 = two;
            var isNumber = char.IsAsciiDigit(a[one]);
            if (isNumber)
            {
                while (end1 < a.Length && char.IsAsciiDigit(a[end1])) end1++;
                while (end2 < b.Length && char.IsAsciiDigit(b[end2])) end2++;
            }
            else
            {
                while (end1 < a.Length && IsAlpha(a[end1])) end1++;
                while (end2 < b.Length && IsAlpha(b[end2])) end2++;
            }
            if (end2 == two) return isNumber ? 1 : -1;

            var segA = a.AsSpan(one, end1 - one);
            var segB = b.AsSpan(two, end2 - two);
            var rc = isNumber ? NumericText.Compare(segA, segB) : Math.Sign(segA.SequenceCompareTo(segB));
            if (rc != 0) return rc;
            one = end1;
            two = end2;
        }
        if (one >= a.Length && two >= b.Length) return 0;
        return one >= a.Length ? -1 : 1;
    }
}
