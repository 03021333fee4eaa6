using Scout.Core.Ports;

namespace Scout.Advisories.Feeds;

/// <summary>
/// OSV records in a directory tree (osv/&lt;ecosystem&gt;/&lt;id&gt;.json, or any tree of *.json). The whole tree is one
/// scope ("all"); the cursor is the newest `modified` imported, so a re-import reads only newer records.
/// Folders starting with '_' (schemas, conformance cases) are not advisories and are left out.
/// </summary>
public sealed class DirectoryFeed(string root, AdvisoryRecordParser parser) : IAdvisoryFeed
{
    public const string Scope = "all";
    private readonly string root = Path.GetFullPath(root);

    public string FeedKey => "dir:" + root;

    public Task<IReadOnlyList<string>> ListEcosystemsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([Scope]);

    public Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default) =>
        ReadAsync(new ChangeCollector(cursor), null, ct);

    /// <summary>Reads again, whatever their `modified`, the files named by earlier failures (file name = record id).</summary>
    public async Task<FeedChanges> ReadRecordsAsync(string ecosystem, IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        await ReadAsync(new ChangeCollector(null), ids.ToHashSet(StringComparer.Ordinal), ct) with { Cursor = null };

    /// <summary>
    /// Every file (or only those named), in a stable order. A file that cannot be read or parsed is recorded against its
    /// name, so the refresh keeps it for the next import even when its fixed form is older than the cursor by then.
    /// </summary>
    private async Task<FeedChanges> ReadAsync(ChangeCollector collector, IReadOnlySet<string>? only, CancellationToken ct)
    {
        if (!Directory.Exists(root)) throw new InputException($"advisory directory not found: {root}");
        foreach (var file in Files(root).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var id = Path.GetFileNameWithoutExtension(file);
            if (only != null && !only.Contains(id)) continue;
            var origin = Path.GetRelativePath(root, file);
            byte[] json;
            try { json = await File.ReadAllBytesAsync(file, ct); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { collector.Fail(id, $"{origin}: cannot be read ({e.Message})"); continue; }
            collector.Add(parser.Parse(json, origin, File.GetLastWriteTimeUtc(file)), id);
        }
        return collector.Result();
    }

    private static IEnumerable<string> Files(string dir)
    {
        foreach (var f in Directory.EnumerateFiles(dir, "*.json")) yield return f;
        foreach (var d in Directory.EnumerateDirectories(dir))
            if (!Path.GetFileName(d).StartsWith('_'))
                foreach (var f in Files(d)) yield return f;
    }
}
