using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Feeds;

/// <summary>Turns one OSV file into a <see cref="StoredAdvisory"/> (raw JSON + index keys), or a one-line reason it was skipped.</summary>
public sealed class AdvisoryRecordParser(IPackageKeyResolver keys, Func<DateTimeOffset>? now = null)
{
    /// <summary>The parsed form of records this parser produced, so the index does not parse them a second time.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StoredAdvisory, OsvAdvisory> parsed = new();

    public static OsvAdvisory? ParsedFormOf(StoredAdvisory stored) => parsed.TryGetValue(stored, out var a) ? a : null;

    /// <param name="listedAt">when the feed listed the record: the `modified` assumed when it has none (nor `published`)</param>
    public ParsedRecord Parse(ReadOnlyMemory<byte> json, string origin, DateTimeOffset? listedAt = null)
    {
        var read = OsvReader.Read(json, now?.Invoke() ?? DateTimeOffset.UtcNow, listedAt);
        if (read.Advisory is not { } a) return new ParsedRecord(null, $"{origin}: {read.Error}");
        var packageKeys = a.Affected.Where(x => x.Package != null)
            .Select(x => keys.KeyForOsvPackage(x.Package!.Ecosystem, x.Package.Name)).Distinct().ToList();
        var stored = new StoredAdvisory
        {
            Id = a.Id,
            Modified = a.Modified,
            Withdrawn = a.Withdrawn,
            Json = System.Text.Encoding.UTF8.GetString(json.Span),
            Keys = packageKeys,
            Source = AdvisorySource.Of(a.Id, a.Affected.FirstOrDefault(x => x.Package != null)?.Package?.Ecosystem),
        };
        parsed.AddOrUpdate(stored, a);
        return new ParsedRecord(stored, null) { Warnings = read.Warnings.Select(w => $"{origin}: {w}").ToList(), ModifiedAssumed = read.ModifiedAssumed };
    }
}

/// <summary>One record read: the advisory to store, or the one-line reason it was not; and what was left out of it.</summary>
public sealed record ParsedRecord(StoredAdvisory? Advisory, string? Error)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public bool ModifiedAssumed { get; init; }
}

/// <summary>Collects the records of one read and the cursor they lead to (the newest `modified` seen).</summary>
internal sealed class ChangeCollector(string? cursor)
{
    private readonly DateTimeOffset? since = FeedCursor.Parse(cursor);
    private DateTimeOffset? newest = FeedCursor.Parse(cursor);
    public List<StoredAdvisory> Advisories { get; } = [];
    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public List<Scout.Core.Ports.FailedRecord> Failed { get; } = [];

    /// <param name="id">the record's id as the feed names it (file or entry name), for the retry list when it fails</param>
    public void Add(ParsedRecord parsed, string? id = null)
    {
        if (parsed.Error != null)
        {
            Errors.Add(parsed.Error);
            if (id != null) Failed.Add(new(id, parsed.Error));
            return;
        }
        var a = parsed.Advisory!;
        if (since != null && a.Modified <= since) return;
        Advisories.Add(a);
        Warnings.AddRange(parsed.Warnings);
        // An assumed time (published, or the listing's: a file's or zip entry's time) moves the cursor like any other,
        // so a re-import does not read the record again; only the import-time fallback changes on every read.
        if (newest == null || a.Modified > newest) newest = a.Modified;
    }

    public void Fail(string id, string reason)
    {
        Errors.Add(reason);
        Failed.Add(new(id, reason));
    }

    public Scout.Core.Ports.FeedChanges Result() => new(Advisories, FeedCursor.Format(newest), Errors) { Failed = Failed, Warnings = Warnings };
}

/// <summary>
/// Cursors are RFC 3339 UTC times: the newest `modified` already applied. An HTTP feed's cursor may add, after a '|',
/// the ids already applied at exactly that time, so a record listed later with the same timestamp is not missed.
/// </summary>
public static class FeedCursor
{
    public static DateTimeOffset? Parse(string? cursor)
    {
        if (cursor == null) return null;
        var bar = cursor.IndexOf('|');
        var time = bar < 0 ? cursor : cursor[..bar];
        return DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }

    public static IReadOnlySet<string> IdsAt(string? cursor)
    {
        var bar = cursor?.IndexOf('|') ?? -1;
        return bar < 0 ? new HashSet<string>() : cursor![(bar + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    public static string? Format(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? t, IEnumerable<string> idsAtTime)
    {
        var ids = string.Join(',', idsAtTime.Order(StringComparer.Ordinal));
        return t == null ? null : ids.Length == 0 ? Format(t) : $"{Format(t)}|{ids}";
    }
}
