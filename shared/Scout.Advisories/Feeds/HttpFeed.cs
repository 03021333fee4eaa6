using System.Globalization;
using Scout.Core.Ports;

namespace Scout.Advisories.Feeds;

/// <summary>
/// An OSV feed in osv.dev's bucket layout: ecosystems.txt, &lt;Ecosystem&gt;/all.zip, &lt;Ecosystem&gt;/&lt;ID&gt;.json and
/// &lt;Ecosystem&gt;/modified_id.csv ("&lt;RFC 3339 modified&gt;,&lt;ID&gt;" lines, newest first). The first read of an
/// ecosystem takes all.zip; later reads walk modified_id.csv down to the cursor and fetch only those records.
/// The cursor is the newest `modified` applied plus the ids applied at exactly that time: records are listed with
/// second precision, so another record can appear later under the same timestamp and must still be read.
/// </summary>
public sealed class HttpFeed(Uri baseUri, HttpClient http, AdvisoryRecordParser parser) : IAdvisoryFeed
{
    private readonly Uri baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    public string FeedKey => baseUri.AbsoluteUri.TrimEnd('/');

    public async Task<IReadOnlyList<string>> ListEcosystemsAsync(CancellationToken ct = default)
    {
        var text = await GetStringAsync("ecosystems.txt", ct) ?? throw new InputException($"{FeedKey}: no ecosystems.txt");
        return text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Distinct().ToList();
    }

    public async Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default)
    {
        var eco = Uri.EscapeDataString(ecosystem);
        var since = FeedCursor.Parse(cursor);
        var appliedAtSince = FeedCursor.IdsAt(cursor);
        var (changed, newest, idsAtNewest) = await ReadModifiedIdsAsync($"{eco}/modified_id.csv", since, appliedAtSince, ct);
        if (since == null)
        {
            using var response = await http.GetAsync(new Uri(baseUri, $"{eco}/all.zip"), HttpCompletionOption.ResponseHeadersRead, ct);
            // An ecosystem listed without its archive is reported; the others still refresh, and its cursor stays unset.
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                return new FeedChanges([], null, [$"{FeedKey}/{ecosystem}/all.zip: not found"]);
            response.EnsureSuccessStatusCode();
            // ZipArchive needs a seekable stream: buffer to a temp file rather than memory (all.zip files reach hundreds of MB).
            var tmp = Path.GetTempFileName();
            try
            {
                await using (var file = File.Create(tmp)) await response.Content.CopyToAsync(file, ct);
                await using var read = File.OpenRead(tmp);
                var all = ZipFeed.Read(read, $"{FeedKey}/{ecosystem}/all.zip", null, parser, ct);
                // The archive and the listing are two snapshots: start from the older of the two, so a record newer
                // than the archive but listed before it was read is fetched next time rather than skipped.
                var zipNewest = FeedCursor.Parse(all.Cursor);
                var cursorOut = newest != null && (zipNewest == null || newest <= zipNewest)
                    ? FeedCursor.Format(newest, idsAtNewest)
                    : FeedCursor.Format(zipNewest, all.Advisories.Where(a => a.Modified == zipNewest).Select(a => a.Id));
                return all with { Cursor = cursorOut };
            }
            finally { File.Delete(tmp); }
        }
        var collector = new ChangeCollector(null);
        foreach (var (id, listed) in changed) await ReadRecordAsync(ecosystem, id, listed, collector, ct);
        var result = collector.Result();
        var next = newest == null || newest < since ? cursor
            : newest == since ? FeedCursor.Format(since, appliedAtSince.Concat(idsAtNewest).Distinct())
            : FeedCursor.Format(newest, idsAtNewest);
        return result with { Cursor = next };
    }

    /// <summary>Fetches records by id again (earlier fetch or parse failures); the cursor is not involved.</summary>
    public async Task<FeedChanges> ReadRecordsAsync(string ecosystem, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var collector = new ChangeCollector(null);
        foreach (var id in ids) await ReadRecordAsync(ecosystem, id, null, collector, ct);
        return collector.Result() with { Cursor = null };
    }

    /// <summary>
    /// One listed record. Whatever keeps it from being used (missing, an HTTP failure, a parse error) is recorded against
    /// its id, so the cursor can move on to the records after it while this one is retried on later refreshes.
    /// </summary>
    private async Task ReadRecordAsync(string ecosystem, string id, DateTimeOffset? listed, ChangeCollector collector, CancellationToken ct)
    {
        var origin = $"{FeedKey}/{ecosystem}/{id}.json";
        byte[]? json;
        try { json = await GetBytesAsync($"{Uri.EscapeDataString(ecosystem)}/{Uri.EscapeDataString(id)}.json", ct); }
        catch (HttpRequestException e) { collector.Fail(id, $"{origin}: {e.Message}"); return; }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { collector.Fail(id, $"{origin}: timed out ({e.Message})"); return; }
        if (json == null) { collector.Fail(id, $"{origin}: listed in modified_id.csv but not found"); return; }
        collector.Add(parser.Parse(json, origin, listed), id);
    }

    /// <summary>
    /// Reads modified_id.csv from the top (newest) down past the cursor: the ids modified after it, plus those at
    /// exactly its time not applied yet; and the newest time listed with every id at that time.
    /// </summary>
    private async Task<(List<(string Id, DateTimeOffset Listed)> Ids, DateTimeOffset? Newest, List<string> IdsAtNewest)> ReadModifiedIdsAsync(
        string path, DateTimeOffset? since, IReadOnlySet<string> appliedAtSince, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(baseUri, path), HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            if (since != null) throw new InputException($"{FeedKey}/{path}: not found; an incremental read needs it");
            return ([], null, []);
        }
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var ids = new List<(string, DateTimeOffset)>();
        var idsAtNewest = new List<string>();
        DateTimeOffset? newest = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var comma = line.IndexOf(',');
            if (comma <= 0) continue;
            if (!DateTimeOffset.TryParse(line[..comma], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var modified))
                continue;
            var id = line[(comma + 1)..].Trim();
            newest ??= modified;
            if (modified == newest) idsAtNewest.Add(id);
            if (since == null)
            {
                if (modified < newest) break; // the first read uses all.zip; only the newest time is needed, for the cursor
                continue;
            }
            if (modified < since) break;
            if (modified == since && appliedAtSince.Contains(id)) continue;
            ids.Add((id, modified));
        }
        return (ids, newest, idsAtNewest);
    }

    private async Task<string?> GetStringAsync(string path, CancellationToken ct)
    {
        var bytes = await GetBytesAsync(path, ct);
        return bytes == null ? null : System.Text.Encoding.UTF8.GetString(bytes);
    }

    private async Task<byte[]?> GetBytesAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(baseUri, path), ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(ct);
    }
}
