using System.Globalization;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Core.UseCases;

/// <summary>
/// The store's advisory watermark: a revision number bumped by every write of advisories, and per revision the
/// (source, id) pairs it wrote ("*" when too many to list: readers reload everything). Kept in the cursor store
/// ("state:advisory-revision", "state:advisory-changes:{n}") so every store has it. A process compares the number
/// with the one its index was loaded at before each batch and reads only what changed since.
/// The refresh is the only writer (one schedule); a bump lost to two writers racing is caught by the next bump,
/// since readers reload everything when a revision's change list is missing.
/// </summary>
public sealed class AdvisoryRevision(IAdvisoryStore store)
{
    private const string RevisionKey = "state:advisory-revision";
    private const int MaxListed = 2000;

    public async Task<long> CurrentAsync(CancellationToken ct = default) =>
        await store.GetCursorAsync(RevisionKey, ct) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Records a write of these advisories (call after they are stored); returns the new revision.</summary>
    public async Task<long> BumpAsync(IReadOnlyList<StoredAdvisory> written, CancellationToken ct = default)
    {
        var next = await CurrentAsync(ct) + 1;
        var changes = written.Count > MaxListed ? "*"
            : JsonSerializer.Serialize(written.Select(a => new List<string> { a.SourceKey, a.Id }).Distinct(PairComparer.Instance).ToList(),
                ScoutJsonContext.Default.ListListString);
        await store.SetCursorAsync($"state:advisory-changes:{next}", changes, ct);
        await store.SetCursorAsync(RevisionKey, next.ToString(CultureInfo.InvariantCulture), ct);
        return next;
    }

    /// <summary>The (source, id) pairs written at a revision; null when unknown or too many (read everything).</summary>
    public async Task<IReadOnlyList<(string Source, string Id)>?> ChangesAsync(long revision, CancellationToken ct = default)
    {
        var text = await store.GetCursorAsync($"state:advisory-changes:{revision}", ct);
        if (text is null or "*") return null;
        try
        {
            return JsonSerializer.Deserialize(text, ScoutJsonContext.Default.ListListString)?.Where(p => p.Count == 2).Select(p => (p[0], p[1])).ToList();
        }
        catch (JsonException) { return null; }
    }

    private sealed class PairComparer : IEqualityComparer<List<string>>
    {
        public static readonly PairComparer Instance = new();
        public bool Equals(List<string>? x, List<string>? y) => x!.SequenceEqual(y!);
        public int GetHashCode(List<string> obj) => HashCode.Combine(obj[0], obj[1]);
    }
}
