namespace Scout.Versions.Schemes;

/// <summary>
/// PHP's version_compare (ext/standard/versioning.c), which Composer applies to normalized versions: the string is
/// canonicalized ('-', '_', '+' and other non-alphanumerics become '.', and a '.' is put between digit and
/// non-digit runs), then compared part by part: numbers by value, words by their special form
/// (dev &lt; alpha = a &lt; beta = b &lt; RC = rc &lt; number &lt; pl = p, matched as prefixes; other words below all),
/// and leftover parts decide against an implicit number.
/// </summary>
internal static class PhpVersionCompare
{
    private static readonly (string Name, int Order)[] SpecialForms =
    [
        ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5),
    ];

    private const string NumberForm = "#N#";

    public static int Compare(string v1, string v2)
    {
        if (v1.Length == 0 || v2.Length == 0)
            return v1.Length == 0 && v2.Length == 0 ? 0 : v1.Length > 0 ? 1 : -1;
        return CompareCanonical(Prepare(v1), Prepare(v2));
    }

    /// <summary>What version_compare compares: the canonical form, or the string itself when it starts with '#'.</summary>
    public static string Prepare(string version) => version.Length == 0 || version[0] == '#' ? version : Canonicalize(version);

    /// <summary>version_compare on two strings already passed through <see cref="Prepare"/> (non-empty).</summary>
    public static int CompareCanonical(string a, string b)
    {

        // p/n mirror the C pointers: p is the current part's start, n the next '.' (-1 = none, null in C).
        int p1 = 0, p2 = 0, n1 = 0, n2 = 0;
        var compare = 0;
        while (p1 < a.Length && p2 < b.Length && n1 >= 0 && n2 >= 0)
        {
            n1 = a.IndexOf('.', p1);
            n2 = b.IndexOf('.', p2);
            var part1 = n1 >= 0 ? a[p1..n1] : a[p1..];
            var part2 = n2 >= 0 ? b[p2..n2] : b[p2..];
            bool d1 = StartsWithDigit(part1), d2 = StartsWithDigit(part2);
            if (d1 && d2) compare = Math.Sign(StrToL(part1).CompareTo(StrToL(part2)));
            else if (!d1 && !d2) compare = CompareSpecialForms(part1, part2);
            else compare = d1 ? CompareSpecialForms(NumberForm, part2) : CompareSpecialForms(part1, NumberForm);
            if (compare != 0) break;
            if (n1 >= 0) p1 = n1 + 1;
            if (n2 >= 0) p2 = n2 + 1;
        }
        if (compare == 0)
        {
            if (n1 >= 0)
                compare = p1 < a.Length && char.IsAsciiDigit(a[p1]) ? 1 : Compare(a[p1..], NumberForm);
            else if (n2 >= 0)
                compare = p2 < b.Length && char.IsAsciiDigit(b[p2]) ? -1 : Compare(NumberForm, b[p2..]);
        }
        return compare;
    }

    private static bool StartsWithDigit(string s) => s.Length > 0 && char.IsAsciiDigit(s[0]);

    // strtol: leading digits, saturating at LONG_MAX.
    private static long StrToL(string s)
    {
        long v = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) break;
            v = v > (long.MaxValue - (c - '0')) / 10 ? long.MaxValue : v * 10 + (c - '0');
        }
        return v;
    }

    private static int CompareSpecialForms(string form1, string form2)
    {
        int Find(string form)
        {
            foreach (var (name, order) in SpecialForms)
                if (form.StartsWith(name, StringComparison.Ordinal)) return order;
            return -1;
        }
        return Math.Sign(Find(form1) - Find(form2));
    }

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private static bool IsSpecial(char c) => c is '-' or '_' or '+';

    public static string Canonicalize(string version)
    {
        var q = new System.Text.StringBuilder(version.Length * 2);
        var lp = version[0];
        q.Append(lp);
        for (var i = 1; i < version.Length; i++)
        {
            var c = version[i];
            var lq = q[^1];
            if (IsSpecial(c))
            {
                if (lq != '.') q.Append('.');
            }
            else if ((!IsDigit(lp) && lp != '.' && IsDigit(c)) || (IsDigit(lp) && !IsDigit(c) && c != '.'))
            {
                if (lq != '.') q.Append('.');
                q.Append(c);
            }
            else if (!char.IsAsciiLetterOrDigit(c))
            {
                if (lq != '.') q.Append('.');
            }
            else
            {
                q.Append(c);
            }
            lp = c;
        }
        return q.ToString();
    }
}
