using System.IO.Compression;
using Scout.Core.Ports;

namespace Scout.Advisories.Feeds;

/// <summary>An OSV all.zip (one &lt;id&gt;.json per entry, as osv.dev publishes per ecosystem). One scope; cursor = newest `modified`.</summary>
public sealed class ZipFeed(string path, AdvisoryRecordParser parser) : IAdvisoryFeed
{
    private readonly string path = Path.GetFullPath(path);

    public string FeedKey => "zip:" + path;

    public Task<IReadOnlyList<string>> ListEcosystemsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([DirectoryFeed.Scope]);

    public Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new InputException($"advisory zip not found: {path}");
        using var stream = File.OpenRead(path);
        return Task.FromResult(Read(stream, path, cursor, parser, ct));
    }

    /// <summary>Reads again, whatever their `modified`, the entries named by earlier failures (entry name = record id).</summary>
    public Task<FeedChanges> ReadRecordsAsync(string ecosystem, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new InputException($"advisory zip not found: {path}");
        using var stream = File.OpenRead(path);
        return Task.FromResult(Read(stream, path, null, parser, ct, ids.ToHashSet(StringComparer.Ordinal)) with { Cursor = null });
    }

    /// <param name="only">read only the entries with these names (without ".json"); null: all</param>
    public static FeedChanges Read(Stream zipStream, string origin, string? cursor, AdvisoryRecordParser parser, CancellationToken ct,
        IReadOnlySet<string>? only = null)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(zipStream, ZipArchiveMode.Read); }
        catch (InvalidDataException e) { throw new InputException($"{origin}: not a zip archive ({e.Message})"); }
        using (zip)
        {
            var collector = new ChangeCollector(cursor);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && (only == null || only.Contains(Path.GetFileNameWithoutExtension(e.Name)))))
            {
                ct.ThrowIfCancellationRequested();
                var id = Path.GetFileNameWithoutExtension(entry.Name);
                using var ms = new MemoryStream((int)Math.Min(entry.Length, int.MaxValue));
                // A damaged entry (bad CRC, unsupported compression) is one failed record, kept for the next import.
                try
                {
                    using var s = entry.Open();
                    s.CopyTo(ms);
                }
                catch (Exception e) when (e is InvalidDataException or NotSupportedException)
                {
                    collector.Fail(id, $"{origin}!{entry.FullName}: cannot be read ({e.Message})");
                    continue;
                }
                collector.Add(parser.Parse(ms.GetBuffer().AsMemory(0, (int)ms.Length), $"{origin}!{entry.FullName}", entry.LastWriteTime.ToUniversalTime()), id);
            }
            return collector.Result();
        }
    }
}
