using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>
/// The backfill of a database written before key and listing documents existed: each scheduled refresh runs a step
/// (Core/UseCases/AdvisoryRefresh.cs), which pages through one collection at a time in document-name order and writes
/// what the current layout keeps beside each document: the advisory's key documents (FirestoreScoutStore.AdvisoryKeys.cs),
/// the member's id in its parent's listing, or its parent's presence flag (FirestoreScoutStore.Listings.cs). Where it
/// stopped is kept in meta/backfill, so a step that fails or times out is resumed by the next. A completion marker is
/// written only when its phases have passed every document: until then readers keep the queries and miss nothing, and
/// documents written meanwhile carry their own key and listing entries.
/// </summary>
public sealed partial class FirestoreScoutStore : IStoreUpkeep
{
    private const string AdvisoriesPhase = "advisories";

    /// <summary>Documents read per backfill query.</summary>
    public int BackfillPageSize { get; init; } = 500;
    /// <summary>Pages per refresh: 500,000 advisories at 20 pages of 500 are done by 50 refreshes (an hour at one a minute).</summary>
    public int BackfillPagesPerStep { get; init; } = 20;

    private string BackfillState => $"{paths.Root}/meta/backfill";
    private string AdvisoryKeysMarker => paths.AdvisoryKeysComplete;

    public async Task<bool> RunUpkeepStepAsync(CancellationToken ct = default)
    {
        var read = await client.BatchGetAsync([AdvisoryKeysMarker, ListingsCompleteMarker, BackfillState], ct);
        var phases = new List<string>();
        if (read[0] is null) phases.Add(AdvisoriesPhase);
        if (read[1] is null) phases.AddRange([.. IdListed, .. FlagListed]);
        if (phases.Count == 0) return false;
        // Resume where the last step stopped, unless that phase is no longer wanted (its marker appeared meanwhile).
        var (phase, after) = read[2] is { } state && phases.Contains(state.RequiredString("phase"))
            ? (state.RequiredString("phase"), state.String("after")) : (phases[0], null);
        for (var page = 0; page < BackfillPagesPerStep; page++)
        {
            var docs = await BackfillPageAsync(phase, after, ct);
            await CommitPlanner.CommitAllAsync(client, BackfillWrites(phase, docs), ct);
            if (docs.Count == BackfillPageSize) after = docs[^1].Name;
            else
            {
                if (phase == AdvisoriesPhase) await MarkCompleteAsync(AdvisoryKeysMarker, ct);
                var next = phases.IndexOf(phase) + 1;
                if (next == phases.Count)
                {
                    if (phase != AdvisoriesPhase) await MarkCompleteAsync(ListingsCompleteMarker, ct);
                    await client.CommitAsync([Fs.Delete(BackfillState)], ct);
                    return false;
                }
                (phase, after) = (phases[next], null);
            }
            await client.CommitAsync([Fs.Set(BackfillState, new JsonObject { ["phase"] = Fs.Str(phase), ["after"] = Fs.StrOrNull(after) })], ct);
        }
        return true;
    }

    /// <summary>A page of the phase's collection (advisories at the root; the others in every tenant and image) after a name.</summary>
    private async Task<IReadOnlyList<FirestoreDocument>> BackfillPageAsync(string phase, string? after, CancellationToken ct)
    {
        var query = Fs.From(phase, allDescendants: phase != AdvisoriesPhase);
        query["select"] = new JsonObject { ["fields"] = new JsonArray(FieldRef(phase == AdvisoriesPhase ? "keys" : "__name__")) };
        query["orderBy"] = new JsonArray(new JsonObject { ["field"] = FieldRef("__name__"), ["direction"] = "ASCENDING" });
        query["limit"] = BackfillPageSize;
        if (after != null) query["startAt"] = new JsonObject { ["values"] = new JsonArray(Fs.Ref(after)), ["before"] = false };
        return await client.RunQueryAsync(paths.Root, query, ct);
    }

    /// <summary>What the current layout keeps beside these documents; every write is idempotent (array unions, flags).</summary>
    private IEnumerable<JsonObject> BackfillWrites(string phase, IReadOnlyList<FirestoreDocument> docs)
    {
        if (phase == AdvisoriesPhase)
            return KeyDocumentChanges(docs.SelectMany(d => KeysOf(d).Distinct().Select(k => (k, d.Name))), add: true);
        var members = docs.Select(d => (Parent: d.Name[..d.Name[..d.Name.LastIndexOf('/')].LastIndexOf('/')], Id: IdOf(d.Name)));
        if (FlagListed.Contains(phase))
            return members.Select(m => m.Parent).Distinct(StringComparer.Ordinal)
                .Select(parent => Fs.Set(Listing(parent, phase), new JsonObject { ["collection"] = Fs.Str(phase) }));
        return members.GroupBy(m => Listing(m.Parent, phase, m.Id), StringComparer.Ordinal)
            .Select(g => ListingChange(g.Key, g.Select(m => m.Id), add: true));
    }

    private async Task MarkCompleteAsync(string marker, CancellationToken ct) =>
        await client.CommitAsync([Fs.Set(marker, new JsonObject { ["since"] = Fs.Time(DateTimeOffset.UtcNow), ["by"] = Fs.Str("backfill") })], ct);
}
