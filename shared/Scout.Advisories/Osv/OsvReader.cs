using Scout.Versions.Osv;
using System.Globalization;
using System.Text.Json;

namespace Scout.Advisories.Osv;

/// <summary>The outcome of reading one record: the advisory, or why it was rejected (never an exception).</summary>
public sealed record OsvReadResult(OsvAdvisory? Advisory, string? Error)
{
    public bool Ok => Advisory != null;
    /// <summary>Parts of the record left out or assumed (a malformed affected entry, a missing `modified`), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The record had no `modified`: the time used was assumed (published, listing or import time).</summary>
    public bool ModifiedAssumed { get; init; }
}

/// <summary>
/// Reads OSV JSON records tolerantly: unknown fields are ignored, odd-but-harmless shapes (null arrays, missing
/// optional objects) are accepted; records that break the schema's hard rules are rejected with a reason so an
/// import can report and skip them.
/// </summary>
public static class OsvReader
{
    /// <summary>How far in the future a `modified` may lie before the record is treated as bogus (clock skew).</summary>
    private static readonly TimeSpan futureTolerance = TimeSpan.FromDays(2);

    public const string UntypedRange = "UNSPECIFIED";

    /// <param name="listedAt">when the feed listed the record (modified_id.csv, a file's or zip entry's time): the
    /// `modified` assumed for a record without one and without `published`</param>
    public static OsvReadResult Read(ReadOnlyMemory<byte> json, DateTimeOffset? now = null, DateTimeOffset? listedAt = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return Read(doc.RootElement, now ?? DateTimeOffset.UtcNow, listedAt);
        }
        catch (JsonException e)
        {
            return new OsvReadResult(null, $"not valid JSON: {e.Message}");
        }
    }

    public static OsvReadResult Read(string json, DateTimeOffset? now = null) => Read(System.Text.Encoding.UTF8.GetBytes(json), now);

    public static OsvReadResult Read(JsonElement root, DateTimeOffset now, DateTimeOffset? listedAt = null)
    {
        if (root.ValueKind != JsonValueKind.Object) return Fail("the record is not a JSON object");
        var id = Str(root, "id");
        if (string.IsNullOrWhiteSpace(id)) return Fail("missing \"id\"");
        var warnings = new List<string>();
        DateTimeOffset? published = Str(root, "published") is { } p && TryTime(p, out var pt) ? pt : null;
        var modifiedText = Str(root, "modified");
        DateTimeOffset modified;
        var assumed = modifiedText == null;
        if (modifiedText == null)
        {
            // Records exist without `modified` (ossf malicious-packages exports): kept, dated as well as the feed allows.
            (modified, var from) = published is { } pub ? (pub, "published") : listedAt is { } listed ? (listed, "the feed listing time") : (now, "the import time");
            warnings.Add($"{id}: no \"modified\": {from} {modified.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} assumed");
        }
        else if (!TryTime(modifiedText, out modified)) return Fail($"{id}: \"modified\" is not an RFC 3339 time: {modifiedText}");
        if (modified > now + futureTolerance) return Fail($"{id}: \"modified\" {modifiedText} lies in the future");
        DateTimeOffset? withdrawn = null;
        if (Str(root, "withdrawn") is { } w)
        {
            if (!TryTime(w, out var wt)) return Fail($"{id}: \"withdrawn\" is not an RFC 3339 time: {w}");
            withdrawn = wt;
        }
        var affected = new List<OsvAffected>();
        if (root.TryGetProperty("affected", out var aff) && aff.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var entry in aff.EnumerateArray())
            {
                // A malformed entry costs only itself: the rest of the advisory still applies.
                var (item, error) = ReadAffected(entry);
                if (error != null) warnings.Add($"{id}: $.affected[{i}]{(error.StartsWith('.') ? "" : ": ")}{error}; entry left out");
                else affected.Add(item!);
                i++;
            }
        }
        else if (root.TryGetProperty("affected", out aff) && aff.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            return Fail($"{id}: \"affected\" is not an array");

        return new OsvReadResult(new OsvAdvisory
        {
            Id = id,
            Modified = modified,
            Published = published,
            Withdrawn = withdrawn,
            Aliases = Strings(root, "aliases"),
            Upstream = Strings(root, "upstream"),
            Summary = Str(root, "summary"),
            Severity = Severities(root),
            Affected = affected,
            DatabaseSeverity = Nested(root, "database_specific", "severity"),
        }, null) { Warnings = warnings, ModifiedAssumed = assumed };
    }

    private static (OsvAffected?, string?) ReadAffected(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object) return (null, "not an object");
        OsvPackage? package = null;
        if (entry.TryGetProperty("package", out var pkg) && pkg.ValueKind == JsonValueKind.Object)
        {
            var eco = Str(pkg, "ecosystem");
            var name = Str(pkg, "name");
            // Some converters emit a partial package next to GIT ranges (no ecosystem or name): such an entry names no
            // package we can index, which is what a missing package means too.
            if (!string.IsNullOrEmpty(eco) && !string.IsNullOrEmpty(name)) package = new OsvPackage(eco, name, Str(pkg, "purl"));
        }
        var ranges = new List<OsvRange>();
        if (entry.TryGetProperty("ranges", out var rs) && rs.ValueKind == JsonValueKind.Array)
        {
            var r = 0;
            foreach (var range in rs.EnumerateArray())
            {
                if (range.ValueKind != JsonValueKind.Object) return (null, $".ranges[{r}]: not an object");
                // A range without a type cannot be evaluated; kept (not dropped) so a match on it is reported as indeterminate.
                var type = Str(range, "type") ?? UntypedRange;
                var events = new List<OsvEvent>();
                if (range.TryGetProperty("events", out var evs) && evs.ValueKind == JsonValueKind.Array)
                {
                    foreach (var ev in evs.EnumerateArray())
                    {
                        if (ev.ValueKind != JsonValueKind.Object) continue;
                        foreach (var prop in ev.EnumerateObject())
                            if (prop.Value.ValueKind == JsonValueKind.String)
                                events.Add(new OsvEvent(EventKind(prop), prop.Value.GetString()!));
                    }
                }
                // OSV requires every range to open with an introduced event; without it the range means nothing.
                if (!events.Any(e => e.Kind == OsvEvent.Introduced)) return (null, $".ranges[{r}]: no \"introduced\" event");
                ranges.Add(new OsvRange(type, events) { Repo = Str(range, "repo") });
                r++;
            }
        }
        return (new OsvAffected
        {
            Package = package,
            Severity = Severities(entry),
            Ranges = ranges,
            Versions = Strings(entry, "versions", pooled: true),
            EntrySeverity = Nested(entry, "ecosystem_specific", "severity") ?? Nested(entry, "database_specific", "severity"),
            Urgency = Nested(entry, "ecosystem_specific", "urgency"),
            DistroPriority = Nested(entry, "ecosystem_specific", "ubuntu_priority"),
        }, null);
    }

    /// <summary>The four kinds as shared constants: an index holds millions of events.</summary>
    private static string EventKind(JsonProperty p) =>
        p.NameEquals(OsvEvent.Introduced) ? OsvEvent.Introduced
        : p.NameEquals(OsvEvent.Fixed) ? OsvEvent.Fixed
        : p.NameEquals(OsvEvent.LastAffected) ? OsvEvent.LastAffected
        : p.NameEquals(OsvEvent.Limit) ? OsvEvent.Limit
        : p.Name;

    private static IReadOnlyList<OsvSeverity> Severities(JsonElement e)
    {
        if (!e.TryGetProperty("severity", out var sev) || sev.ValueKind != JsonValueKind.Array) return [];
        var list = new List<OsvSeverity>();
        foreach (var s in sev.EnumerateArray())
            if (s.ValueKind == JsonValueKind.Object && Str(s, "type") is { } t && Str(s, "score") is { } score)
                list.Add(new OsvSeverity(t, score));
        return list;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Nested(JsonElement e, string obj, string name) =>
        e.TryGetProperty(obj, out var o) && o.ValueKind == JsonValueKind.Object ? Str(o, name) : null;

    private static IReadOnlyList<string> Strings(JsonElement e, string name, bool pooled = false)
    {
        if (!e.TryGetProperty(name, out var arr) || arr.ValueKind != JsonValueKind.Array) return [];
        var list = new string[arr.GetArrayLength()];
        var n = 0;
        foreach (var s in arr.EnumerateArray())
            if (s.ValueKind == JsonValueKind.String) list[n++] = pooled ? VersionPool.Get(s.GetString()!) : s.GetString()!;
        return n == list.Length ? list : list[..n];
    }

    /// <summary>
    /// Enumerated `versions` lists repeat the same strings across every advisory of a package (osv.dev lists each
    /// affected release); the index keeps one copy of each.
    /// </summary>
    private static class VersionPool
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> pool = new(StringComparer.Ordinal);
        public static string Get(string s) => pool.GetOrAdd(s, s);
    }

    private static bool TryTime(string s, out DateTimeOffset t) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t);

    private static OsvReadResult Fail(string reason) => new(null, reason);
}
