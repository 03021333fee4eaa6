using System.Text;
using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>
/// The document being read plus the limit checks every token passes through. Readers never call
/// Utf8JsonReader.Read directly: <see cref="Read"/> turns syntax errors into typed refusals and measures strings.
/// </summary>
internal sealed class JsonSource(ReadOnlyMemory<byte> buffer, SbomLimits limits, int wrapping)
{
    public ReadOnlyMemory<byte> Buffer { get; } = buffer;
    public SbomLimits Limits { get; } = limits;
    public int Wrapping { get; } = wrapping;
    /// <summary>Best knowledge of the format so far, used in error messages.</summary>
    public string Format { get; set; } = "json";
    private int components;

    public Utf8JsonReader CreateReader() => new(Buffer.Span, new JsonReaderOptions
    {
        MaxDepth = Limits.MaxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowMultipleValues = true,
    });

    public bool Read(ref Utf8JsonReader r, bool allowLongString = false)
    {
        bool more;
        try
        {
            more = r.Read();
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
        if (more && !allowLongString && r.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number
            && r.ValueSpan.Length > Limits.MaxStringLength)
            throw Fail(ref r, null, $"{(r.TokenType == JsonTokenType.Number ? "number" : "string")} of {r.ValueSpan.Length} bytes is too long", $"max string length {Limits.MaxStringLength} bytes");
        return more;
    }

    /// <summary>Reads the value after a property name; the reader must then be positioned on it.</summary>
    public void ReadValue(ref Utf8JsonReader r, bool allowLongString = false)
    {
        if (!Read(ref r, allowLongString))
            throw Fail(ref r, null, "document ends inside a value");
    }

    /// <summary>Skips the value the reader is on (checking strings and depth on the way).</summary>
    public void Skip(ref Utf8JsonReader r)
    {
        if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = r.CurrentDepth;
        while (Read(ref r))
        {
            if (r.CurrentDepth == depth && r.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) return;
        }
        throw Fail(ref r, null, "document ends inside an object or array");
    }

    /// <summary>The value the reader is on as an element, after a Skip that applies the string and depth limits.</summary>
    public JsonElement Element(ref Utf8JsonReader r)
    {
        var start = r;
        Skip(ref r);
        return JsonElement.ParseValue(ref start);
    }

    /// <summary>A scalar as text (numbers and booleans as written); null for null; objects and arrays are skipped.</summary>
    public string? String(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    return r.GetString();
                }
                catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
                {
                    throw Fail(ref r, null, "string is not valid UTF-8");
                }
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(r.ValueSpan);
            case JsonTokenType.Null:
                return null;
            default:
                Skip(ref r);
                return null;
        }
    }

    /// <summary>
    /// A string value that is one of <paramref name="known"/>, as the set's own instance (no allocation): types, license
    /// ids and algorithm names repeat on every component of a big SBOM. Null when it is not one of them (read it with
    /// <see cref="String"/>); a case-insensitive set's entry is returned only when it is spelled exactly the same.
    /// </summary>
    public string? Known(ref Utf8JsonReader r, HashSet<string> known)
    {
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.ValueSpan.Length > 64) return null;
        var raw = r.ValueSpan;
        Span<char> chars = stackalloc char[64];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= 0x80) return null;
            chars[i] = (char)raw[i];
        }
        var text = chars[..raw.Length];
        return known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var value) && text.SequenceEqual(value) ? value : null;
    }

    /// <summary>Strings that repeat across a big SBOM's components (property names, layer ids, groups, license names).</summary>
    private Dictionary<string, string>? repeated;
    private const int MaxRepeated = 4096;

    /// <summary>
    /// <see cref="String"/> for values that tend to repeat: one instance per distinct text (up to <see cref="MaxRepeated"/>
    /// of them), so tens of thousands of components do not each hold their own copy of the same layer id or name.
    /// </summary>
    public string? Repeated(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.ValueSpan.Length > 256) return String(ref r);
        Span<char> chars = stackalloc char[256];
        if (System.Text.Unicode.Utf8.ToUtf16(r.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            return String(ref r);
        var text = chars[..written];
        repeated ??= new(StringComparer.Ordinal);
        var lookup = repeated.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known)) return known;
        var value = text.ToString();
        if (repeated.Count < MaxRepeated) repeated[value] = value;
        return value;
    }

    /// <summary>A dependency-graph ref: the declared bom-ref's own string when there is one, else a new string.</summary>
    public string? Ref(ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && r.ValueSpan.Length <= 512)
        {
            Span<char> chars = stackalloc char[512];
            if (System.Text.Unicode.Utf8.ToUtf16(r.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
                && sbom.DeclaredRef(chars[..written]) is { } declared)
                return declared;
        }
        return String(ref r);
    }

    /// <summary>Counts one more package against the component cap (its path formatted only if the cap is hit).</summary>
    public void CountComponent(ref Utf8JsonReader r, RawPackage p)
    {
        if (++components > Limits.MaxComponents)
            throw Fail(ref r, p.Path, $"more than {Limits.MaxComponents} components", $"max components {Limits.MaxComponents}");
    }

    public long? Int64(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var n)) return n;
        if (r.TokenType == JsonTokenType.String && long.TryParse(r.GetString(), out n)) return n;
        Skip(ref r);
        return null;
    }

    /// <summary>Counts one more package against the component cap.</summary>
    public void CountComponent(ref Utf8JsonReader r, string path)
    {
        if (++components > Limits.MaxComponents)
            throw Fail(ref r, path, $"more than {Limits.MaxComponents} components", $"max components {Limits.MaxComponents}");
    }

    public SbomFormatException Fail(ref Utf8JsonReader r, string? path, string reason, string? limit = null) =>
        new(Format, path, LineAt(r.TokenStartIndex), reason, limit);

    public SbomFormatException Fail(string? path, string reason, string? limit = null) => new(Format, path, null, reason, limit);

    public SbomFormatException Malformed(JsonException e)
    {
        var depth = e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase);
        var reason = depth ? "nesting is too deep" : "malformed JSON: " + FirstSentence(e.Message);
        return new SbomFormatException(Format, e.Path, e.LineNumber + 1, reason, depth ? $"max depth {Limits.MaxDepth}" : null);
    }

    public long LineAt(long offset)
    {
        var span = Buffer.Span[..(int)Math.Min(offset, Buffer.Length)];
        return span.Count((byte)'\n') + 1;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
