using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Scout.Purl;

/// <summary>
/// The fast path of <see cref="PackageUrl.Parse(string, PurlParseMode)"/>. Most purls in SBOMs (syft, cdxgen, trivy) are
/// already in canonical form, and for those the full parse (split into lists, decode, normalize, encode again, compare)
/// ends where it started. This reads such a purl in one pass and keeps the text itself as the canonical form.
/// It answers null whenever the full parse could answer anything else — an error, a repair (case, order, encoding,
/// whitespace, dot segments) or a type whose rules it does not check (PurlTypeRules.CanonicalReadable) — so the full
/// parse stays the one judge of those; tests/Scout.Purl.Tests/CanonicalPurlTests.cs holds both paths to the same results.
/// </summary>
internal static class CanonicalPurl
{
    // Components are decoded on the stack; a longer one takes the full parse.
    private const int MaxComponentLength = 256;

    public static PackageUrl? TryRead(string text, PurlComponentHints hints = default)
    {
        if (!text.StartsWith("pkg:", StringComparison.Ordinal)) return null;
        var rest = text.AsSpan(4);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || PurlTypeRules.CanonicalReadable(rest[..slash]) is not { } rule) return null;
        rest = rest[(slash + 1)..];
        var end = rest.IndexOfAny('?', '#');
        var path = end < 0 ? rest : rest[..end];
        var tail = end < 0 ? default : rest[end..];

        // [namespace '/'] name ['@' version]: canonical form encodes every other '@' (an npm scope is "%40scope").
        string? version = null;
        var at = path.IndexOf('@');
        if (at >= 0)
        {
            version = Decode(path[(at + 1)..], separators: false, hints.Version);
            if (version is null || rule.LowercaseVersion && !IsLowercase(version)) return null;
            path = path[..at];
        }
        var lastSlash = path.LastIndexOf('/');
        var name = Decode(path[(lastSlash + 1)..], separators: false, hints.Name);
        if (name is null || rule.LowercaseName && !IsLowercase(name)) return null;
        if (rule.NormalizeName is { } normalize && !string.Equals(normalize(name), name, StringComparison.Ordinal)) return null;
        string? @namespace = null;
        if (lastSlash >= 0)
        {
            @namespace = Decode(path[..lastSlash], separators: true, hints.Namespace);
            if (@namespace is null || rule.Namespace == Requirement.Prohibited || rule.LowercaseNamespace && !IsLowercase(@namespace))
                return null;
        }
        else if (rule.Namespace == Requirement.Required) return null;

        var qualifiers = QualifierMap.Empty;
        if (!tail.IsEmpty && tail[0] == '?')
        {
            var hash = tail.IndexOf('#');
            var read = ReadQualifiers(hash < 0 ? tail[1..] : tail[1..hash]);
            if (read is null) return null;
            qualifiers = read;
            tail = hash < 0 ? default : tail[hash..];
        }
        string? subpath = null;
        if (!tail.IsEmpty)
        {
            subpath = Decode(tail[1..], separators: true, hint: null);
            if (subpath is null || HasDotSegment(subpath)) return null;
        }
        return PackageUrl.FromCanonical(rule.Type, @namespace, name, version, qualifiers, subpath, text);
    }

    /// <summary>"key=value" pairs joined by '&amp;', keys valid, lowercase, sorted and distinct, values non-empty.</summary>
    private static QualifierMap? ReadQualifiers(ReadOnlySpan<char> query)
    {
        var count = 1;
        foreach (var c in query)
            if (c == '&') count++;
        var keys = new string[count];
        var values = new string[count];
        for (var n = 0; n < count; n++)
        {
            var amp = query.IndexOf('&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? default : query[(amp + 1)..];
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !IsKey(pair[..eq])) return null;
            var key = pair[..eq].ToString();
            if (n > 0 && string.CompareOrdinal(keys[n - 1], key) >= 0) return null;
            var value = Decode(pair[(eq + 1)..], separators: false, hint: null);
            if (value is null) return null;
            (keys[n], values[n]) = (key, value);
        }
        return new QualifierMap(keys, values);
    }

    // As PurlRules.CheckKey accepts it, lowercase.
    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (key[0] is >= '0' and <= '9') return false;
        foreach (var c in key)
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_')) return false;
        return true;
    }

    /// <summary>
    /// The decoded text of a component that is in canonical encoding — what may stay literal is literal, everything else
    /// is %XX (upper-case hex) of valid UTF-8 — and not empty; with <paramref name="separators"/>, '/' between non-empty
    /// segments and no encoded '/' inside one. Else null. Text equal to <paramref name="hint"/> is that string.
    /// </summary>
    private static string? Decode(ReadOnlySpan<char> raw, bool separators, string? hint)
    {
        if (raw.IsEmpty || raw.Length > MaxComponentLength) return null;
        var escaped = false;
        var segmentStart = true;
        foreach (var c in raw)
        {
            if (c == '/' && separators)
            {
                if (segmentStart) return null;
                segmentStart = true;
                continue;
            }
            segmentStart = false;
            if (c == '%') escaped = true;
            else if (!IsLiteral(c)) return null;
        }
        if (segmentStart) return null;
        if (escaped) return DecodeEscapes(raw, separators, hint);
        return hint is not null && raw.SequenceEqual(hint) ? hint : raw.ToString();
    }

    private static string? DecodeEscapes(ReadOnlySpan<char> raw, bool separators, string? hint)
    {
        Span<byte> bytes = stackalloc byte[raw.Length];
        var length = 0;
        var ascii = true;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '%')
            {
                bytes[length++] = (byte)c; // literal ASCII or a separator
                continue;
            }
            if (i + 2 >= raw.Length) return null;
            var hi = UpperHex(raw[i + 1]);
            var lo = UpperHex(raw[i + 2]);
            if (hi < 0 || lo < 0) return null;
            var b = (byte)(hi << 4 | lo);
            // An escaped character that may stay literal is not canonical; an escaped '/' in a segment is the full parse's error.
            if (b < 0x80 && (IsLiteral((char)b) || separators && b == '/')) return null;
            ascii &= b < 0x80;
            bytes[length++] = b;
            i += 2;
        }
        var decoded = bytes[..length];
        if (ascii)
        {
            // Most escapes are of ASCII ("%40scope"): one character each, compared with the hint without decoding to a buffer.
            if (hint is not null && hint.Length == length && EqualsAscii(decoded, hint)) return hint;
            return Encoding.ASCII.GetString(decoded);
        }
        if (!Utf8.IsValid(decoded)) return null;
        var text = Encoding.UTF8.GetString(decoded);
        return hint is not null && string.Equals(text, hint, StringComparison.Ordinal) ? hint : text;
    }

    private static bool EqualsAscii(ReadOnlySpan<byte> ascii, string text)
    {
        for (var i = 0; i < ascii.Length; i++)
            if (ascii[i] != text[i]) return false;
        return true;
    }

    // The characters PercentEncoding.IsLiteral keeps literal (A-Z a-z 0-9 . - _ ~ :) as one bit per ASCII code: a test
    // that is compiled inline, where the pattern match was a call per character of every purl.
    private const ulong LiteralBelow64 = 0x07FF_6000_0000_0000; // '-' '.' '0'-'9' ':'
    private const ulong LiteralFrom64 = 0x47FF_FFFE_87FF_FFFE; // 'A'-'Z' '_' 'a'-'z' '~'

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsLiteral(char c) => c < 64 ? (LiteralBelow64 >> c & 1) != 0 : c < 128 && (LiteralFrom64 >> (c - 64) & 1) != 0;

    // PercentEncoding writes upper-case hex: lower-case is a repair, not canonical.
    private static int UpperHex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // As ToLowerInvariant leaves it (what PurlRules does to case-insensitive components).
    private static bool IsLowercase(string text)
    {
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'Z') return false;
            if (c >= 0x80) return string.Equals(text.ToLowerInvariant(), text, StringComparison.Ordinal);
        }
        return true;
    }

    // The full parse drops "." and ".." subpath segments: a subpath holding one is not canonical.
    private static bool HasDotSegment(string subpath)
    {
        var start = 0;
        for (var i = 0; i <= subpath.Length; i++)
        {
            if (i < subpath.Length && subpath[i] != '/') continue;
            var length = i - start;
            if (length is 1 or 2 && subpath[start] == '.' && subpath[i - 1] == '.') return true;
            start = i + 1;
        }
        return false;
    }
}
