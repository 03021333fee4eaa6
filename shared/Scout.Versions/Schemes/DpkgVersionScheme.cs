using System.Text;

namespace Scout.Versions.Schemes;

public sealed record DpkgVersion(int Epoch, byte[] Upstream, byte[] Revision);

/// <summary>
/// Debian/Ubuntu ordering as dpkg --compare-versions does it: [epoch:]upstream[-revision], each part compared with
/// verrevcmp (non-digits by the dpkg order where '~' sorts before the end and letters before other bytes, then
/// digit runs numerically). Strings dpkg only warns about (no leading digit, odd characters) are compared as dpkg
/// compares them; what dpkg refuses (embedded blanks, bad epoch, empty parts) is invalid. The empty string, which
/// dpkg reads as "no version", is invalid here: it is not a version.
/// </summary>
public sealed class DpkgVersionScheme : VersionScheme<DpkgVersion>
{
    public static readonly DpkgVersionScheme Instance = new();

    public override string Name => "dpkg";

    protected override DpkgVersion? Parse(string version)
    {
        var text = version.AsSpan().Trim(" \t");
        if (text.IsEmpty || text.ContainsAny(' ', '\t')) return null;

        var epoch = 0;
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            if (!TryParseEpoch(text[..colon], out epoch)) return null;
            text = text[(colon + 1)..];
            if (text.IsEmpty) return null;
        }

        var revision = ReadOnlySpan<char>.Empty;
        var hyphen = text.LastIndexOf('-');
        if (hyphen >= 0)
        {
            revision = text[(hyphen + 1)..];
            if (revision.IsEmpty) return null;
            text = text[..hyphen];
        }
        if (text.IsEmpty) return null;
        return new DpkgVersion(epoch, Encoding.UTF8.GetBytes(text.ToArray()), Encoding.UTF8.GetBytes(revision.ToArray()));
    }

    // strtol semantics: an optional sign, then decimal digits filling the whole text before the colon.
    private static bool TryParseEpoch(ReadOnlySpan<char> text, out int epoch)
    {
        epoch = 0;
        var negative = false;
        if (!text.IsEmpty && (text[0] == '+' || text[0] == '-'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        if (text.IsEmpty) return false;
        long value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
            if (value > int.MaxValue) return false;
        }
        if (negative && value != 0) return false;
        epoch = (int)value;
        return true;
    }

    protected override int CompareParsed(DpkgVersion a, DpkgVersion b)
    {
        if (a.Epoch != b.Epoch) return a.Epoch.CompareTo(b.Epoch);
        var upstream = VerRevCompare(a.Upstream, b.Upstream);
        return upstream != 0 ? upstream : VerRevCompare(a.Revision, b.Revision);
    }

    private static int Order(int c)
    {
        if (c is >= '0' and <= '9') return 0;
        if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z') return c;
        if (c == '~') return -1;
        // dpkg reads bytes as (signed) char: bytes >= 0x80 are negative before the +256.
        return c == 0 ? 0 : (sbyte)c + 256;
    }

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    private static int VerRevCompare(byte[] a, byte[] b)
    {
        int i = 0, j = 0;
        int At(byte[] s, int k) => k < s.Length ? s[k] : 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !IsDigit(a[i])) || (j < b.Length && !IsDigit(b[j])))
            {
                var ac = Order(At(a, i));
                var bc = Order(At(b, j));
                if (ac != bc) return ac - bc;
                i++;
                j++;
            }
            while (At(a, i) == '0') i++;
            while (At(b, j) == '0') j++;
            var firstDiff = 0;
            while (IsDigit(At(a, i)) && IsDigit(At(b, j)))
            {
                if (firstDiff == 0) firstDiff = At(a, i) - At(b, j);
                i++;
                j++;
            }
            if (IsDigit(At(a, i))) return 1;
            if (IsDigit(At(b, j))) return -1;
            if (firstDiff != 0) return firstDiff;
        }
        return 0;
    }
}
