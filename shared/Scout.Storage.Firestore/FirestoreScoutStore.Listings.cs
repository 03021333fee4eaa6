using System.Text.Json.Nodes;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>
/// Listing documents: what an analysis would otherwise find with a query under a tenant or an image is named by a
/// document read by name, {parent}/listings/{collection}. A query on the emulator scans every document of the database
/// (0.1 s at 100,000 documents, 0.4 s at 300,000, whatever its parent), so a cold analysis over a store of 500,000
/// advisories spent most of its time in them; in production each is a query billed per call.
/// Two kinds: an id listing ("ids": the members' document ids, changed in the same commit as the member, by server-side
/// array transforms so concurrent writers never lose each other's ids), for VEX documents, trend days, webhooks and
/// (in <see cref="ImageShards"/> shards) a tenant's images; and a presence flag (the document exists) written before the
/// first member, for an image's packageIndex, blobs and layerIndex entries: absent, the image has none and is not listed.
/// Databases written before listings existed have no completion marker (meta/listings): reads there keep the queries
/// until the backfill (FirestoreScoutStore.Backfill.cs) has listed every existing member and written the marker.
/// </summary>
public sealed partial class FirestoreScoutStore
{
    /// <summary>A tenant's image ids are spread over this many listing documents: ~14,000 ids fit one (1 MiB).</summary>
    internal const int ImageShards = 32;
    /// <summary>Collections with an id listing, and those with a presence flag (the backfill's phases follow this order).</summary>
    internal static readonly string[] IdListed = ["vex", "trend", "webhooks", "images"], FlagListed = ["packageIndex", "blobs", LayerIndex];
    private CompletionMarker? listingsMarker;

    public string ListingsCompleteMarker => $"{paths.Root}/meta/listings";

    /// <summary>The listing document of a collection under a parent document (images: the shard holding the id).</summary>
    public static string Listing(string parent, string collection, string? memberId = null) => collection == "images"
        ? $"{parent}/listings/images-{ImageShard(memberId ?? throw new ArgumentNullException(nameof(memberId))):D2}"
        : $"{parent}/listings/{collection}";

    internal static int ImageShard(string imageId) => Convert.ToInt32(FirestorePaths.Hash(imageId)[..4], 16) % ImageShards;

    /// <summary>Adds (or removes) member ids of one listing: a write for the same commit as the members' own writes.</summary>
    internal static JsonObject ListingChange(string listing, IEnumerable<string> ids, bool add) => new()
    {
        ["update"] = new JsonObject { ["name"] = listing, ["fields"] = new JsonObject() },
        ["updateMask"] = new JsonObject { ["fieldPaths"] = new JsonArray() },
        ["updateTransforms"] = new JsonArray(new JsonObject
        {
            ["fieldPath"] = "ids",
            [add ? "appendMissingElements" : "removeAllFromArray"] = new JsonObject { ["values"] = new JsonArray([.. ids.Select(id => (JsonNode)Fs.Str(id))]) },
        }),
    };

    /// <summary>The id segment of a document name.</summary>
    internal static string IdOf(string documentName) => documentName[(documentName.LastIndexOf('/') + 1)..];

    /// <summary>The members of an id listing, read by name; null while the database is not fully listed (query instead).</summary>
    private async Task<IReadOnlyList<FirestoreDocument>?> ListedMembersAsync(string parent, string collection, CancellationToken ct)
    {
        if (!await ListingsCompleteAsync(ct)) return null;
        var listing = await client.GetAsync(Listing(parent, collection), ct);
        var names = listing?.StringArray("ids").Select(id => $"{parent}/{collection}/{id}").ToList() ?? [];
        return names.Count == 0 ? [] : (await BatchGetAllAsync(names, ct)).OfType<FirestoreDocument>().ToList();
    }

    /// <summary>Whether every member of every listed collection is in its listing (cached: CompletionMarker.cs).</summary>
    private Task<bool> ListingsCompleteAsync(CancellationToken ct) =>
        (listingsMarker ??= new CompletionMarker(CheckListingsCompleteAsync, MarkerRecheck)).IsCompleteAsync(ct);

    /// <summary>The marker; or a database that holds no member of a listed collection yet (a new one): then the marker is written.</summary>
    private async Task<bool> CheckListingsCompleteAsync(CancellationToken ct)
    {
        if (await client.GetAsync(ListingsCompleteMarker, ct) is not null) return true;
        // Images first: a database written before listings almost certainly holds one, and this stops at the first found.
        foreach (var collection in IdListed.OrderBy(c => c != "images").Concat(FlagListed))
        {
            var any = Fs.From(collection, allDescendants: true);
            any["limit"] = 1;
            if ((await client.RunQueryAsync(paths.Root, any, ct)).Count > 0) return false;
        }
        await client.CommitAsync([Fs.Set(ListingsCompleteMarker, new JsonObject { ["since"] = Fs.Time(DateTimeOffset.UtcNow) })], ct);
        return true;
    }
}
