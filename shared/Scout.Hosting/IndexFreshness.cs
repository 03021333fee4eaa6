using Scout.Advisories;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Hosting;

/// <summary>
/// Keeps a process's advisory index as new as the store's advisories, on every host (Lambda, Cloud Run, `scout serve`):
/// before each batch it reads the store's watermark (<see cref="AdvisoryRevision"/>, one small read) and, when another
/// process has written advisories since this index was loaded, applies only those (or reloads all when the change list
/// is gone). A warm instance thus never analyzes against the index it started with.
/// </summary>
public sealed class IndexFreshness(IScoutStore store, AdvisoryServices advisories) : IIndexFreshness
{
    private readonly AdvisoryRevision revision = new(store);
    private readonly SemaphoreSlim gate = new(1, 1);
    private long loadedAt = -1;

    /// <summary>Records the revision the index is loaded at; call before loading it, so writes during the load are read again.</summary>
    public async Task MarkLoadedAsync(long? at = null, CancellationToken ct = default) =>
        Loaded(at ?? await revision.CurrentAsync(ct));

    private void Loaded(long at)
    {
        Interlocked.Exchange(ref loadedAt, at);
        // findings made from a cache read per package name the store revision it is fresh to
        if (advisories.Index is Advisories.Index.OnDemandAdvisoryIndex onDemand) onDemand.MarkRevision(at);
    }

    public long LoadedRevision => Interlocked.Read(ref loadedAt);

    public Task<long> StoreRevisionAsync(CancellationToken ct = default) => revision.CurrentAsync(ct);

    public async Task<long> EnsureFreshAsync(CancellationToken ct = default)
    {
        var current = await revision.CurrentAsync(ct);
        if (current == Interlocked.Read(ref loadedAt)) return current;
        await gate.WaitAsync(ct);
        try
        {
            var from = Interlocked.Read(ref loadedAt);
            if (current <= from && from >= 0) return current;
            if (from < 0) { await advisories.LoadFromStoreAsync(store, ct); Loaded(current); return current; }
            for (var r = from + 1; r <= current; r++)
            {
                var changes = await revision.ChangesAsync(r, ct);
                if (changes == null)
                {
                    await advisories.LoadFromStoreAsync(store, ct);
                    break;
                }
                foreach (var id in changes.Select(c => c.Id).Distinct(StringComparer.Ordinal))
                {
                    var records = await store.GetAdvisoriesByIdAsync(id, ct);
                    var wanted = changes.Where(c => c.Id == id).Select(c => c.Source).ToHashSet(StringComparer.Ordinal);
                    advisories.Matcher.Apply(records.Where(a => wanted.Contains(a.SourceKey)).ToList());
                }
            }
            Loaded(current);
            return current;
        }
        finally { gate.Release(); }
    }
}
