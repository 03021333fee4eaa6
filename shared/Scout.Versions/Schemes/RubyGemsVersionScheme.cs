using System.Text.RegularExpressions;

namespace Scout.Versions.Schemes;

/// <summary>A Gem::Version reduced to its canonical segments: numbers as digit text, letters as strings.</summary>
/// <summary>Segments are digit text (numbers, without leading zeros) or letter text.</summary>
public sealed record GemVersion(string Normalized, object[] CanonicalSegments);

/// <summary>
/// RubyGems ordering as Gem::Version#&lt;=&gt; does it: the stripped string must match Gem::Version's pattern
/// (digits, then '.'-separated alphanumeric parts, an optional '-' pre-release part); '-' reads as ".pre.";
/// segments are digit runs (numbers) and letter runs (strings); trailing zeros of the numeric head and of the
/// rest are dropped; a string segment sorts before any number ("1.0.a" &lt; "1.0"), strings compare by bytes.
/// The empty string, which RubyGems reads as "0", is not a version here.
/// </summary>
public sealed partial class RubyGemsVersionScheme : VersionScheme<GemVersion>
{
    public static readonly RubyGemsVersionScheme Instance = new();

    public override string Name => "rubygems";

    // Ruby's \s is [ \t\r\n\f\v]; \z is the very end.
    [GeneratedRegex(@"\A[ \t\r\n\f\v]*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?[ \t\r\n\f\v]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("[0-9]+|[a-zA-Z]+", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    protected override GemVersion? Parse(string version)
    {
        if (!Pattern().IsMatch(version)) return null;
        var stripped = version.Trim(' ', '\t', '\r', '\n', '\f', '\v');
        if (stripped.Length == 0) return null;
        var normalized = stripped.Replace("-", ".pre.", StringComparison.Ordinal);
        var segments = Segment().Matches(normalized)
            .Select(m => NumericText.IsDigits(m.Value) ? (object)Number(m.Value) : m.Value)
            .ToList();
        return new GemVersion(normalized, Canonical(segments));
    }

    private static string Number(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static bool IsZero(object s) => s is "0";

    private static bool IsNumber(object s) => s is string t && t.Length > 0 && char.IsAsciiDigit(t[0]);

    // Numbers are stored as digit text and letters as text; a number is told apart by its first character.
    private static object[] Canonical(List<object> segments)
    {
        var firstString = segments.FindIndex(s => !IsNumber(s));
        var numeric = firstString < 0 ? segments : segments[..firstString];
        var rest = firstString < 0 ? [] : segments[firstString..];
        return [.. DropTrailingZeros(numeric), .. DropTrailingZeros(rest)];
    }

    private static List<object> DropTrailingZeros(List<object> part)
    {
        var end = part.Count;
        while (end > 0 && IsZero(part[end - 1])) end--;
        return part[..end];
    }

    protected override int CompareParsed(GemVersion a, GemVersion b)
    {
        if (a.Normalized == b.Normalized) return 0;
        var l = a.CanonicalSegments;
        var r = b.CanonicalSegments;
        for (var i = 0; i < Math.Max(l.Length, r.Length); i++)
        {
            var lhs = i < l.Length ? l[i] : "0";
            var rhs = i < r.Length ? r[i] : "0";
            bool ln = IsNumber(lhs), rn = IsNumber(rhs);
            if (ln && rn)
            {
                var c = NumericText.Compare((string)lhs, (string)rhs);
                if (c != 0) return c;
            }
            else if (!ln && rn) return -1;
            else if (ln && !rn) return 1;
            else
            {
                var c = Math.Sign(string.CompareOrdinal((string)lhs, (string)rhs));
                if (c != 0) return c;
            }
        }
        return 0;
    }
}
