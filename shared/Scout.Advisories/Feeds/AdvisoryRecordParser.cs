using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Feeds;

/// <summary>Turns one OSV file into a <see cref="StoredAdvisory"/> (raw JSON + index keys), or a one-line reason it was skipped.</summary>
public sealed class AdvisoryRecordParser(IPackageKeyResolver keys, Func<DateTimeOffset>? now = null)
{
    public (StoredAdvisory? Advisory, string? Error) Parse(ReadOnlyMemory<byte> json, string origin)
    {
        var read = OsvReader.Read(json, now?.Invoke() ?? DateTimeOffset.UtcNow);
        if (read.Advisory is not { } a) return (null, $"{origin}: {read.Error}");
        var packageKeys = a.Affected.Where(x => x.Package != null)
            .Select(x => keys.KeyForOsvPackage(x.Package!.Ecosystem, x.Package.Name)).Distinct().ToList();
        return (new StoredAdvisory
        {
            Id = a.Id,
            Modified = a.Modified,
            Withdrawn = a.Withdrawn,
            Json = System.Text.Encoding.UTF8.GetString(json.Span),
            Keys = packageKeys,
            Source = AdvisorySource.Of(a.Id, a.Affected.FirstOrDefault(x => x.Package != null)?.Package?.Ecosystem),
        }, null);
    }
}

/// <summary>Collects the records of one read and the cursor they lead to (the newest `modified` seen).</summary>
internal sealed class ChangeCollector(string? cursor)
{
    private readonly DateTimeOffset? since = FeedCursor.Parse(cursor);
    private DateTimeOffset? newest = FeedCursor.Parse(cursor);
    public List<StoredAdvisory> Advisories { get; } = [];
    public List<string> Errors { get; } = [];

    public void Add((StoredAdvisory? Advisory, string? Error) parsed)
    {
        if (parsed.Error != null) { Errors.Add(parsed.Error); return; }
        var a = parsed.Advisory!;
        if (since != null && a.Modified <= since) return;
        Advisories.Add(a);
        if (newest == null || a.Modified > newest) newest = a.Modified;
    }

    public Scout.Core.Ports.FeedChanges Result() => new(Advisories, FeedCursor.Format(newest), Errors);
}

/// <summary>Cursors are RFC 3339 UTC times: the newest `modified` already applied.</summary>
public static class FeedCursor
{
    public static DateTimeOffset? Parse(string? cursor) =>
        cursor != null && DateTimeOffset.TryParse(cursor, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    public static string? Format(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
