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

    public async Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default)
    {
        if (!Directory.Exists(root)) throw new InputException($"advisory directory not found: {root}");
        var collector = new ChangeCollector(cursor);
        foreach (var file in Files(root).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            collector.Add(parser.Parse(await File.ReadAllBytesAsync(file, ct), Path.GetRelativePath(root, file), File.GetLastWriteTimeUtc(file)));
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
