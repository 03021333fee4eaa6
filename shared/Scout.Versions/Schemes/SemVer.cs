namespace Scout.Versions.Schemes;

/// <summary>A SemVer-shaped version; numbers as digit text so any size orders correctly.</summary>
public sealed record SemVerValue(string Major, string Minor, string Patch, string[] Prerelease, string[] Build);

/// <summary>The SemVer 2.0 grammar pieces and precedence rules the SemVer-family schemes share.</summary>
internal static class SemVer
{
    [Flags]
    public enum Rules
    {
        Strict = 0,
        /// <summary>Numeric components and numeric pre-release identifiers may have leading zeros (pub).</summary>
        LeadingZeros = 1,
    }

    public static bool IsIdentifierChar(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-';

    /// <summary>Parses MAJOR.MINOR.PATCH[-pre][+build] exactly (no prefix, no blanks); null if it does not conform.</summary>
    public static SemVerValue? Parse(ReadOnlySpan<char> s, Rules rules)
    {
        var plus = s.IndexOf('+');
        var build = Array.Empty<string>();
        if (plus >= 0)
        {
            var parsedBuild = Identifiers(s[(plus + 1)..], numericLeadingZerosAllowed: true);
            if (parsedBuild is null) return null;
            build = parsedBuild;
            s = s[..plus];
        }
        var hyphen = s.IndexOf('-');
        var pre = Array.Empty<string>();
        if (hyphen >= 0)
        {
            var parsedPre = Identifiers(s[(hyphen + 1)..], (rules & Rules.LeadingZeros) != 0);
            if (parsedPre is null) return null;
            pre = parsedPre;
            s = s[..hyphen];
        }
        Span<Range> parts = stackalloc Range[4];
        if (s.Split(parts, '.') != 3) return null;
        var allowZeros = (rules & Rules.LeadingZeros) != 0;
        var numbers = new string[3];
        for (var i = 0; i < 3; i++)
        {
            var n = s[parts[i]];
            if (!IsNumber(n, allowZeros)) return null;
            numbers[i] = n.ToString();
        }
        return new SemVerValue(numbers[0], numbers[1], numbers[2], pre, build);
    }

    public static bool IsNumber(ReadOnlySpan<char> n, bool leadingZerosAllowed) =>
        NumericText.IsDigits(n) && (leadingZerosAllowed || n.Length == 1 || n[0] != '0');

    private static string[]? Identifiers(ReadOnlySpan<char> s, bool numericLeadingZerosAllowed)
    {
        if (s.IsEmpty) return null;
        var result = new List<string>();
        foreach (var range in s.Split('.'))
        {
            var id = s[range];
            if (id.IsEmpty) return null;
            foreach (var c in id)
                if (!IsIdentifierChar(c)) return null;
            if (!numericLeadingZerosAllowed && NumericText.IsDigits(id) && id.Length > 1 && id[0] == '0') return null;
            result.Add(id.ToString());
        }
        return [.. result];
    }

    public static int CompareCore(SemVerValue a, SemVerValue b)
    {
        var c = NumericText.Compare(a.Major, b.Major);
        if (c != 0) return c;
        c = NumericText.Compare(a.Minor, b.Minor);
        return c != 0 ? c : NumericText.Compare(a.Patch, b.Patch);
    }

    /// <summary>SemVer 2.0 §11: a release beats its pre-releases; identifiers numeric by value, numeric &lt; alphanumeric,
    /// alphanumeric in ASCII order, a shorter list of equal prefix first.</summary>
    public static int ComparePrerelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == 0 ? (b.Length == 0 ? 0 : 1) : -1;
        return CompareIdentifierLists(a, b);
    }

    public static int CompareIdentifierLists(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = CompareIdentifiers(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    public static int CompareIdentifiers(string a, string b)
    {
        bool an = NumericText.IsDigits(a), bn = NumericText.IsDigits(b);
        if (an && bn) return NumericText.Compare(a, b);
        if (an) return -1;
        if (bn) return 1;
        return Math.Sign(string.CompareOrdinal(a, b));
    }

    /// <summary>The usual precedence: core, then pre-release; build metadata ignored.</summary>
    public static int ComparePrecedence(SemVerValue a, SemVerValue b)
    {
        var c = CompareCore(a, b);
        return c != 0 ? c : ComparePrerelease(a.Prerelease, b.Prerelease);
    }
}
