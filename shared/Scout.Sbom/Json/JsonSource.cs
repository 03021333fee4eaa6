using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Where in <see cref="Buffer"/> the reader's input starts. It is 0 until a split read (ComponentSplit.cs) hands the
    /// reader a part of the document and later the rest: token offsets are relative to it, lines and errors absolute.
    /// </summary>
    public int ReaderStart { get; private set; }

    /// <summary>Lines the reader skipped over (a part another thread read): added to the reader's own line count.</summary>
    private long skippedLines;

    /// <summary>How often the reader was given new input; a copy of the reader taken before a change is stale.</summary>
    public int InputChanges { get; private set; }

    /// <summary>The second reader of a big components array, when one runs (ComponentSplit.cs).</summary>
    public ComponentSplit? Split { get; set; }

    /// <summary>Set by the top-level components loop between two components: where a split read may join.</summary>
    public ComponentBoundary? Boundary { get; set; }

    public Utf8JsonReader CreateReader() => new(Buffer.Span, Options(Limits.MaxDepth));

    public static JsonReaderOptions Options(int maxDepth) => new()
    {
        MaxDepth = maxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowMultipleValues = true,
    };

    /// <summary>Where the token the reader is on starts, as an offset into <see cref="Buffer"/>.</summary>
    public long TokenStart(ref Utf8JsonReader r) => ReaderStart + r.TokenStartIndex;

    /// <summary>How far the reader has read, as an offset into <see cref="Buffer"/>.</summary>
    public int Consumed(ref Utf8JsonReader r) => ReaderStart + (int)r.BytesConsumed;

    /// <summary>Gives the reader the document from <paramref name="start"/> on, with its state (depth, line) carried over.</summary>
    public void Continue(ref Utf8JsonReader r, int start, bool isFinalBlock, int end = -1, long skippedLinesBefore = 0)
    {
        var span = Buffer.Span;
        var input = end < 0 ? span[start..] : span[start..end];
        r = new Utf8JsonReader(input, isFinalBlock, r.CurrentState);
        ReaderStart = start;
        skippedLines += skippedLinesBefore;
        InputChanges++;
    }

    /// <summary>A new reader of the document from <paramref name="start"/> on (a split read's second part, one component each).</summary>
    public Utf8JsonReader ReaderAt(int start, JsonReaderOptions options)
    {
        ReaderStart = start;
        return new Utf8JsonReader(Buffer.Span[start..], options);
    }

    // Read, ReadValue, String, Known, Repeated, Ref and CountComponent run for every token or component of a big SBOM
    // and are mostly calls to Utf8JsonReader members (TokenType, ValueSpan, Read). Precompiled (ReadyToRun) code cannot
    // inline those members, which live in another assembly, and the process would run that code for most of a one-shot
    // `sbom normalize` before tiering replaces it: these few methods are compiled optimized at their first call instead
    // (bench/sbom-normalize.sh: about 0.04 s less cpu of 0.55 s on 50,000 components; 10 to 25 ms more on a small one).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read(ref Utf8JsonReader r, bool allowLongString = false)
    {
        bool more;
        try
        {
            more = r.Read();
            // Only a split read gives the reader part of the document: its end is where the other thread's part begins.
            if (!more && !r.IsFinalBlock) more = ComponentSplit.Join(this, ref r);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        var (startOffset, changes) = (TokenStart(ref r), InputChanges);
        Skip(ref r);
        if (changes == InputChanges) return JsonElement.ParseValue(ref start);
        // The input changed inside the value (a split read that did not join there): read it again from the whole document.
        var again = new Utf8JsonReader(Buffer.Span[(int)startOffset..], Options(Limits.MaxDepth));
        again.Read();
        return JsonElement.ParseValue(ref again);
    }

    /// <summary>A scalar as text (numbers and booleans as written); null for null; objects and arrays are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// A string value that is one of <paramref name="known"/>, as the table's own instance (no allocation): types, license
    /// ids and algorithm names repeat on every component of a big SBOM. Null when it is not one of them as spelled
    /// (read it with <see cref="String"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Known(ref Utf8JsonReader r, Utf8StringTable known) =>
        r.TokenType == JsonTokenType.String && !r.ValueIsEscaped ? known.Find(r.ValueSpan) : null;

    /// <summary>Strings that repeat across a big SBOM's components (property names, layer ids, groups, license names).</summary>
    private Utf8StringTable? repeated;
    private const int MaxRepeated = 4096;

    /// <summary>
    /// <see cref="String"/> for values that tend to repeat: one instance per distinct text (up to <see cref="MaxRepeated"/>
    /// of them), so tens of thousands of components do not each hold their own copy of the same layer id or name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Repeated(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.ValueSpan.Length > 256) return String(ref r);
        repeated ??= new Utf8StringTable(64);
        if (repeated.Find(r.ValueSpan) is { } known) return known;
        var value = String(ref r)!;
        return repeated.Count < MaxRepeated ? repeated.Add(r.ValueSpan, value) : value;
    }

    /// <summary>A dependency-graph ref: the declared bom-ref's own string when there is one, else a new string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Ref(ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped)
        {
            if (r.ValueSpan.Length <= 512)
            {
                Span<char> chars = stackalloc char[512];
                if (System.Text.Unicode.Utf8.ToUtf16(r.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
                    && sbom.DeclaredRef(chars[..written]) is { } declared)
                    return declared;
            }
        }
        return String(ref r);
    }

    /// <summary>Counts one more package against the component cap (its path formatted only if the cap is hit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        new(Format, path, LineAt(TokenStart(ref r)), reason, limit);

    public SbomFormatException Fail(string? path, string reason, string? limit = null) => new(Format, path, null, reason, limit);

    public SbomFormatException Malformed(JsonException e)
    {
        var depth = e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase);
        var reason = depth ? "nesting is too deep" : "malformed JSON: " + FirstSentence(e.Message);
        return new SbomFormatException(Format, e.Path, Line(e), reason, depth ? $"max depth {Limits.MaxDepth}" : null);
    }

    /// <summary>The document line of a reader error (the reader counts lines of its input only).</summary>
    public long? Line(JsonException e) => e.LineNumber + 1 + skippedLines;

    /// <summary>Adds components read elsewhere (a split read's other part) to the count against the cap.</summary>
    public bool TryAddComponents(int count)
    {
        if (components + count > Limits.MaxComponents) return false;
        components += count;
        return true;
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
