using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Core.UseCases;

/// <summary>An image whose re-overlay failed: re-overlaid whole on every refresh until it succeeds.</summary>
public sealed record PendingReoverlay(string TenantId, string Digest, int Attempts, string Reason)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public ImageRef Image => new(TenantId, Digest);
}

/// <summary>
/// The images a refresh could not re-overlay, kept in the cursor store ("state:reoverlay-retries", like the feed state in
/// FeedState.cs, so every store has it without adapter changes). A refresh adds an image before its cursor moves past
/// the advisories that touched it, and retries the list on every later run; the refresh is the only writer.
/// </summary>
public sealed class ReoverlayRetries(IAdvisoryStore store)
{
    private const string Key = "state:reoverlay-retries";

    public async Task<IReadOnlyList<PendingReoverlay>> ListAsync(CancellationToken ct = default)
    {
        if (await store.GetCursorAsync(Key, ct) is not { } json) return [];
        try { return JsonSerializer.Deserialize(json, ScoutJsonContext.Default.ListPendingReoverlay) ?? []; }
        catch (JsonException) { return []; }
    }

    /// <summary>Adds images that failed (one more attempt for those listed already).</summary>
    public async Task AddAsync(IReadOnlyList<FailedImage> failed, CancellationToken ct = default)
    {
        if (failed.Count == 0) return;
        var list = (await ListAsync(ct)).ToDictionary(p => p.Image);
        foreach (var f in failed)
            list[f.Image] = new PendingReoverlay(f.Image.TenantId, f.Image.Digest, (list.TryGetValue(f.Image, out var p) ? p.Attempts : 0) + 1, f.Reason);
        await SaveAsync(list.Values, ct);
    }

    /// <summary>Takes images off the list (their re-overlay succeeded, or they are gone).</summary>
    public async Task RemoveAsync(IReadOnlyCollection<ImageRef> done, CancellationToken ct = default)
    {
        if (done.Count == 0) return;
        var list = await ListAsync(ct);
        if (list.Any(p => done.Contains(p.Image))) await SaveAsync(list.Where(p => !done.Contains(p.Image)), ct);
    }

    private Task SaveAsync(IEnumerable<PendingReoverlay> list, CancellationToken ct) =>
        store.SetCursorAsync(Key, JsonSerializer.Serialize(
            list.OrderBy(p => p.TenantId, StringComparer.Ordinal).ThenBy(p => p.Digest, StringComparer.Ordinal).ToList(),
            ScoutJsonContext.Default.ListPendingReoverlay), ct);
}
