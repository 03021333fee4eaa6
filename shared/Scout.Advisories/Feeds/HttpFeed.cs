using System.Globalization;
using Scout.Core.Ports;

namespace Scout.Advisories.Feeds;

/// <summary>
/// An OSV feed in osv.dev's bucket layout: ecosystems.txt, &lt;Ecosystem&gt;/all.zip, &lt;Ecosystem&gt;/&lt;ID&gt;.json and
/// &lt;Ecosystem&gt;/modified_id.csv ("&lt;RFC 3339 modified&gt;,&lt;ID&gt;" lines, newest first). The first read of an
/// ecosystem takes all.zip; later reads walk modified_id.csv down to the cursor and fetch only those records.
/// The cursor is the newest `modified` of modified_id.csv at the time of the read.
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
        var (changed, newest) = await ReadModifiedIdsAsync($"{eco}/modified_id.csv", since, ct);
        if (since == null)
        {
            using var response = await http.GetAsync(new Uri(baseUri, $"{eco}/all.zip"), HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            // ZipArchive needs a seekable stream: buffer to a temp file rather than memory (all.zip files reach hundreds of MB).
            var tmp = Path.GetTempFileName();
            try
            {
                await using (var file = File.Create(tmp)) await response.Content.CopyToAsync(file, ct);
                await using var read = File.OpenRead(tmp);
                var all = ZipFeed.Read(read, $"{FeedKey}/{ecosystem}/all.zip", null, parser, ct);
                var cursorOut = newest ?? FeedCursor.Parse(all.Cursor);
                return all with { Cursor = FeedCursor.Format(cursorOut) };
            }
            finally { File.Delete(tmp); }
        }
        var collector = new ChangeCollector(null);
        foreach (var id in changed)
        {
            var json = await GetBytesAsync($"{eco}/{Uri.EscapeDataString(id)}.json", ct);
            if (json == null) { collector.Errors.Add($"{FeedKey}/{ecosystem}/{id}.json: listed in modified_id.csv but not found"); continue; }
            collector.Add(parser.Parse(json, $"{FeedKey}/{ecosystem}/{id}.json"));
        }
        var result = collector.Result();
        return result with { Cursor = FeedCursor.Format(newest ?? since) };
    }

    /// <summary>Reads modified_id.csv from the top (newest) down to the first line at or before the cursor.</summary>
    private async Task<(List<string> Ids, DateTimeOffset? Newest)> ReadModifiedIdsAsync(string path, DateTimeOffset? since, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(baseUri, path), HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            if (since != null) throw new InputException($"{FeedKey}/{path}: not found; an incremental read needs it");
            return ([], null);
        }
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var ids = new List<string>();
        DateTimeOffset? newest = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var comma = line.IndexOf(',');
            if (comma <= 0) continue;
            if (!DateTimeOffset.TryParse(line[..comma], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var modified))
                continue;
            newest ??= modified;
            if (since != null && modified <= since) break;
            if (since == null) break;  // the first read uses all.zip; only the newest line is needed, for the cursor
            ids.Add(line[(comma + 1)..].Trim());
        }
        return (ids, newest);
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
