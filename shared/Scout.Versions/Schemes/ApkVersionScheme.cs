namespace Scout.Versions.Schemes;

public sealed record ApkVersion(string Text);

/// <summary>
/// Alpine/Wolfi/Chainguard ordering as apk-tools 2.14 (the last 2.x; apk version -t) does it, token by token:
/// digits (after a '.', all but the last zero of a leading-zero run count as a negative number, so
/// 1.001 &lt; 1.01 &lt; 1.1, and 1.0 &gt; 1; runs of 18+ digits are invalid),
/// one lowercase letter, suffixes _alpha &lt; _beta &lt; _pre &lt; _rc &lt; (none) &lt; _cvs &lt; _svn &lt; _git &lt; _hg &lt; _p
/// each with an optional number, then -rN. A string apk_version_validate rejects is invalid.
/// apk-tools 3.x rewrote the tokenizer: a '.'-component with a leading zero is compared as a string (Gentoo
/// style) instead of as a negative zero count, suffix names must match exactly (2.x accepts "_pre" as a prefix of
/// "_preview"), a "~hash" commit token sits before -rN, a letter may not follow a '.', numbers are 64-bit, and
/// invalid strings are string-sorted instead of compared token by token.
/// </summary>
public sealed class ApkVersionScheme : VersionScheme<ApkVersion>
{
    public static readonly ApkVersionScheme Instance = new();

    public override string Name => "apk";

    private enum Token { Invalid = -1, DigitOrZero, Digit, Letter, Suffix, SuffixNo, RevisionNo, End }

    private static readonly string[] PreSuffixes = ["alpha", "beta", "pre", "rc"];
    private static readonly string[] PostSuffixes = ["cvs", "svn", "git", "hg", "p"];

    protected override ApkVersion? Parse(string version)
    {
        if (version.Length == 0) return null;
        var t = Token.Digit;
        var pos = 0;
        while (t != Token.End && t != Token.Invalid) GetToken(ref t, version, ref pos);
        return t == Token.End ? new ApkVersion(version) : null;
    }

    protected override int CompareParsed(ApkVersion a, ApkVersion b) => CompareText(a.Text, b.Text);

    private static int CompareText(string a, string b)
    {
        Token at = Token.Digit, bt = Token.Digit;
        long av = 0, bv = 0;
        int ap = 0, bp = 0;
        while (at == bt && at != Token.End && at != Token.Invalid && av == bv)
        {
            av = GetToken(ref at, a, ref ap);
            bv = GetToken(ref bt, b, ref bp);
        }
        if (av < bv) return -1;
        if (av > bv) return 1;
        if (at == bt) return 0;
        // The longer version wins unless what it has next is a pre-release suffix.
        var tt = at;
        var probe = ap;
        if (at == Token.Suffix && GetToken(ref tt, a, ref probe) < 0) return -1;
        tt = bt;
        probe = bp;
        if (bt == Token.Suffix && GetToken(ref tt, b, ref probe) < 0) return 1;
        if (at > bt) return -1;
        if (bt > at) return 1;
        return 0;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static void NextToken(ref Token type, string s, ref int pos)
    {
        var n = Token.Invalid;
        if (pos >= s.Length || s[pos] == '\0')
        {
            n = Token.End;
        }
        else if ((type == Token.Digit || type == Token.DigitOrZero) && s[pos] is >= 'a' and <= 'z')
        {
            n = Token.Letter;
        }
        else if (type == Token.Letter && IsDigit(s[pos]))
        {
            n = Token.Digit;
        }
        else if (type == Token.Suffix && IsDigit(s[pos]))
        {
            n = Token.SuffixNo;
        }
        else
        {
            switch (s[pos])
            {
                case '.': n = Token.DigitOrZero; break;
                case '_': n = Token.Suffix; break;
                case '-':
                    if (pos + 1 < s.Length && s[pos + 1] == 'r')
                    {
                        n = Token.RevisionNo;
                        pos++;
                    }
                    break;
            }
            pos++;
        }
        if (n < type)
        {
            var allowed = (n == Token.DigitOrZero && type == Token.Digit)
                || (n == Token.Suffix && type == Token.SuffixNo)
                || (n == Token.Digit && type == Token.Letter);
            if (!allowed) n = Token.Invalid;
        }
        type = n;
    }

    private static long GetToken(ref Token type, string s, ref int pos)
    {
        long v = 0;
        var i = 0;
        var nextType = Token.Invalid;
        var rest = s.Length - pos;
        if (rest <= 0)
        {
            type = Token.End;
            return 0;
        }
        switch (type)
        {
            case Token.DigitOrZero when s[pos] == '0':
                // All but the last zero of the run become a negative count; the last is read as a digit.
                while (i + 1 < rest && s[pos + i + 1] == '0') i++;
                nextType = Token.Digit;
                v = -i;
                break;
            case Token.DigitOrZero:
            case Token.Digit:
            case Token.SuffixNo:
            case Token.RevisionNo:
                while (i < rest && IsDigit(s[pos + i]))
                {
                    v = v * 10 + (s[pos + i] - '0');
                    i++;
                    // apk 2.14 refuses runs of 18 digits or more (they would overflow its int64).
                    if (i >= 18) break;
                }
                if (i >= 18)
                {
                    type = Token.Invalid;
                    return -1;
                }
                break;
            case Token.Letter:
                v = s[pos];
                i = 1;
                break;
            case Token.Suffix:
                if (MatchSuffix(s, pos, PreSuffixes, out var pre, out i))
                {
                    v = pre - PreSuffixes.Length;
                    break;
                }
                if (MatchSuffix(s, pos, PostSuffixes, out var post, out i))
                {
                    v = post;
                    break;
                }
                type = Token.Invalid;
                return -1;
            default:
                type = Token.Invalid;
                return -1;
        }
        pos += i;
        if (pos >= s.Length) type = Token.End;
        else if (nextType != Token.Invalid) type = nextType;
        else NextToken(ref type, s, ref pos);
        return v;
    }

    private static bool MatchSuffix(string s, int pos, string[] names, out int index, out int length)
    {
        for (index = 0; index < names.Length; index++)
        {
            length = names[index].Length;
            if (string.CompareOrdinal(s, pos, names[index], 0, length) == 0 && pos + length <= s.Length) return true;
        }
        length = 0;
        return false;
    }
}
