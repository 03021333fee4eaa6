using System.Text;

namespace Scout.Purl;

/// <summary>Percent-encoding as the purl spec wants it: UTF-8 bytes; only unreserved characters and ':' stay literal.</summary>
internal static class PercentEncoding
{
    private const string Hex = "0123456789ABCDEF";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // ':' stays literal for readability (spec: "the ':' colon shall not be encoded"); everything outside
    // RFC 3986 unreserved is encoded, which covers '/', '@', '?', '#', '&', '=', '+', ',', '%' and spaces.
    internal static bool IsLiteral(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '-' or '_' or '~' or ':';

    public static void Encode(StringBuilder output, ReadOnlySpan<char> value)
    {
        var needs = false;
        foreach (var c in value)
            if (!IsLiteral(c)) { needs = true; break; }
        if (!needs) { output.Append(value); return; }

        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsLiteral(c)) { output.Append(c); continue; }
            int count;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(value.Slice(i, 2), buffer);
                i++;
            }
            else
            {
                // Components are checked to be well-formed (PurlRules.WellFormed), so c is not a lone surrogate.
                count = Encoding.UTF8.GetBytes([c], buffer);
            }
            for (var b = 0; b < count; b++)
                output.Append('%').Append(Hex[buffer[b] >> 4]).Append(Hex[buffer[b] & 0xF]);
        }
    }

    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        Encode(sb, value);
        return sb.ToString();
    }

    /// <summary>Decodes %XX sequences; a malformed sequence or bytes that are not UTF-8 are an error of <paramref name="component"/>.</summary>
    public static string Decode(ReadOnlySpan<char> text, PurlComponent component)
    {
        var percent = text.IndexOf('%');
        if (percent < 0) return text.ToString();

        // Purl components are short: decoded on the stack, the only allocation being the string itself.
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length)
                    throw new PurlException(component, $"truncated percent-encoding at '{text[i..].ToString()}'");
                var hi = HexValue(text[i + 1]);
                var lo = HexValue(text[i + 2]);
                if (hi < 0 || lo < 0)
                    throw new PurlException(component, $"invalid percent-encoding '{text.Slice(i, 3).ToString()}'");
                bytes[length++] = (byte)(hi << 4 | lo);
                i += 3;
                continue;
            }
            var run = text[i..];
            var next = run.IndexOf('%');
            var chunk = next < 0 ? run : run[..next];
            length += Encoding.UTF8.GetBytes(chunk, bytes[length..]);
            i += chunk.Length;
        }
        try
        {
            return StrictUtf8.GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            throw new PurlException(component, "percent-decoded bytes are not valid UTF-8");
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
