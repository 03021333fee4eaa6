using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>The top-level components loop between two components: where a split read's parts may meet.</summary>
internal sealed class ComponentBoundary(RawSbom sbom)
{
    public RawSbom Sbom { get; } = sbom;
    /// <summary>How many components of the array the loop has read.</summary>
    public int Index { get; set; }
}

/// <summary>
/// Reads a big top-level components array on two threads: this one reads from a component boundary near the middle to
/// the array's end while the document's own reader reads up to that boundary, so the part whose reading dominates a
/// big SBOM takes about half the time on a second core. The split point is only a guess (found by looking at bytes: a
/// "}," followed by what the array's first component starts with), so it is checked, never trusted: the parts are
/// joined only when the document's reader itself arrives exactly there, between two components of the same array;
/// the second part is used only when it read cleanly to the array's end (no warning, no error, no limit, nothing
/// whose path names its place). Anything else and the document's reader just goes on past the guess as if there had
/// been none, so the result is always the one-thread result: same packages in the same order, same warnings, same
/// errors with the same lines (tests/Scout.Sbom.Tests/Json/ComponentSplitTests.cs).
/// </summary>
internal sealed class ComponentSplit
{
    private readonly JsonSource source;
    private readonly RawSbom part = new();
    private readonly string path;
    private readonly int firstEnd;
    private readonly int secondStart;
    private readonly int maxDepth;
    private readonly Thread thread;
    private volatile bool stopping;
    private bool joined;
    // Written by the second thread before it ends; read after Thread.Join.
    private int arrayEnd = -1;

    /// <summary>Splits joined by the calling thread (tests: a result equal to the one-thread one may also mean no split).</summary>
    [ThreadStatic] internal static int JoinsOnThisThread;

    private ComponentSplit(JsonSource document, string path, int firstEnd, int secondStart, int maxDepth)
    {
        source = new JsonSource(document.Buffer, document.Limits, document.Wrapping) { Format = document.Format };
        (this.path, this.firstEnd, this.secondStart, this.maxDepth) = (path, firstEnd, secondStart, maxDepth);
        // Its own stack, as deep as the main thread's: a nested component must not fail here for want of stack alone.
        thread = new Thread(ReadSecondPart, maxStackSize: 8 << 20) { IsBackground = true, Name = "sbom-split-read" };
    }

    /// <summary>
    /// With the reader on the '[' of a top-level components array of a big document: starts the second thread and
    /// gives the reader the document up to the split point. False (nothing changed) when there is nothing to split.
    /// </summary>
    public static bool TryStart(JsonSource src, ref Utf8JsonReader r, string path)
    {
        if (src.Split is not null || !r.IsFinalBlock) return false;
        var span = src.Buffer.Span;
        var start = src.Consumed(ref r);
        if (src.Limits.ParallelReadMinBytes <= 0 || span.Length - start < src.Limits.ParallelReadMinBytes) return false;
        // The second part's reader starts at depth 0 where the array's components sit deeper: its depth limit is
        // lowered by that much and one more, so it refuses (and leaves the part to the document's reader) first.
        var maxDepth = src.Limits.MaxDepth - (r.CurrentDepth + 1) - 1;
        if (maxDepth < 2) return false;
        if (!TryFindSplit(span, start, out var firstEnd, out var secondStart)) return false;
        var split = new ComponentSplit(src, path, firstEnd, secondStart, maxDepth);
        src.Split = split;
        src.Continue(ref r, start, isFinalBlock: false, end: firstEnd);
        split.thread.Start();
        return true;
    }

    /// <summary>
    /// Called by <see cref="JsonSource.Read"/> when the reader reaches the end of its part. Joins the second part when
    /// the reader is between two top-level components exactly there and the part was read cleanly; otherwise gives the
    /// reader the rest of the document. Either way the reader then reads on, and this returns what that read returns.
    /// </summary>
    public static bool Join(JsonSource src, ref Utf8JsonReader r)
    {
        var split = src.Split ?? throw new InvalidOperationException("the reader was given part of the document without a split read");
        if (split.joined) throw new InvalidOperationException("a split read was joined twice");
        split.joined = true;
        var atBoundary = src.Boundary is not null && r.TokenType == JsonTokenType.EndObject && src.Consumed(ref r) == split.firstEnd;
        if (!atBoundary) split.stopping = true;
        split.thread.Join();
        if (atBoundary && split.arrayEnd >= 0 && src.TryAddComponents(split.part.Packages.Count))
        {
            var boundary = src.Boundary!;
            foreach (var p in split.part.Packages)
            {
                p.MoveBy(boundary.Index);
                boundary.Sbom.Packages.Add(p);
                boundary.Sbom.DeclareRef(p);
            }
            var skipped = src.Buffer.Span[split.firstEnd..split.arrayEnd].Count((byte)'\n');
            JoinsOnThisThread++;
            src.Continue(ref r, split.arrayEnd, isFinalBlock: true, skippedLinesBefore: skipped);
        }
        else src.Continue(ref r, src.Consumed(ref r), isFinalBlock: true);
        return r.Read();
    }

    /// <summary>Stops a second thread still running (the document was refused before the join) and waits for it.</summary>
    public static void Stop(JsonSource src)
    {
        if (src.Split is not { } split) return;
        split.stopping = true;
        if (split.thread.IsAlive) split.thread.Join();
    }

    private void ReadSecondPart()
    {
        try
        {
            var options = JsonSource.Options(maxDepth);
            var position = secondStart;
            var index = 0;
            while (!stopping)
            {
                var r = source.ReaderAt(position, options);
                var span = source.Buffer.Span;
                if (!source.Read(ref r) || r.TokenType != JsonTokenType.StartObject) return;
                var p = CycloneDxJsonReader.ReadComponent(source, ref r, part, new RawPackage(path, index++), null, countIt: true);
                // What the document's reader would have said at another place (a warning, a path) cannot be moved there.
                if (p is null || p.HasPath || part.Warnings.Count > 0 || part.MixedLicenseChoices.Count > 0 || part.NestingEdges.Count > 0) return;
                position = SkipWhiteSpace(span, position + (int)r.BytesConsumed);
                if (position < span.Length && span[position] == (byte)']') { arrayEnd = position; return; }
                if (position >= span.Length || span[position] != (byte)',') return;
                position = SkipWhiteSpace(span, position + 1);
                if (position >= span.Length || span[position] != (byte)'{') return;
            }
        }
#pragma warning disable CA1031 // any failure only means the document's reader reads this part itself, and reports it
        catch (Exception) { }
#pragma warning restore CA1031
    }

    /// <summary>
    /// A '}' ending one component and the '{' starting the next, a little before the middle of what follows the array's
    /// '[' (the document's reader also reads whatever follows the array). A candidate must continue the way the first
    /// component starts (same first property name, same white space before it), which rules out most objects nested in components.
    /// </summary>
    private static bool TryFindSplit(ReadOnlySpan<byte> span, int start, out int firstEnd, out int secondStart)
    {
        (firstEnd, secondStart) = (-1, -1);
        var brace = SkipWhiteSpace(span, start);
        if (brace >= span.Length || span[brace] != (byte)'{') return false;
        var keyStart = SkipWhiteSpace(span, brace + 1);
        if (keyStart >= span.Length || span[keyStart] != (byte)'"') return false;
        var keyLength = span[(keyStart + 1)..].IndexOfAny((byte)'"', (byte)'\\');
        if (keyLength < 0 || span[keyStart + 1 + keyLength] != (byte)'"') return false;
        var opening = span[brace..(keyStart + keyLength + 2)];
        for (var at = start + (int)((span.Length - start) * 45L / 100); at < span.Length;)
        {
            var close = span[at..].IndexOf((byte)'}');
            if (close < 0) return false;
            at += close;
            var comma = SkipWhiteSpace(span, at + 1);
            var next = comma < span.Length && span[comma] == (byte)',' ? SkipWhiteSpace(span, comma + 1) : -1;
            if (next > 0 && span[next..].StartsWith(opening))
            {
                (firstEnd, secondStart) = (at + 1, next);
                return true;
            }
            at++;
        }
        return false;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> span, int position)
    {
        while (position < span.Length && span[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') position++;
        return position;
    }
}
