using System.Text.Json.Nodes;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

// An image's and a tenant's listings (FirestoreScoutStore.Listings.cs): what a save of a new image and the trend's
// pass over a tenant's images read by name instead of by query.
public sealed partial class FirestoreScoutStore
{
    /// <summary>
    /// The image's children in a flagged collection (with update times), before the caller writes new ones: the flag is
    /// written first when missing, so a save that crashes after writing children leaves them findable. A missing flag in
    /// a fully listed database means the collection is empty, and nothing is queried.
    /// </summary>
    private async Task<Dictionary<string, string?>> ChildrenBeforeWritingAsync(string image, string collection, FirestoreDocument? flag, CancellationToken ct)
    {
        if (flag is null)
        {
            await client.CommitAsync([Fs.Set(Listing(image, collection), new JsonObject { ["collection"] = Fs.Str(collection) })], ct);
            if (await ListingsCompleteAsync(ct)) return new(StringComparer.Ordinal);
        }
        return await ListChildrenAsync(image, collection, ct);
    }

    /// <summary>
    /// A page of the tenant's image documents in name order after the token's image, read through the image listing's
    /// shards (one batchGet) and the images by name; null while the database is not fully listed (query instead).
    /// </summary>
    private async Task<IReadOnlyList<FirestoreDocument>?> ListedImagesAsync(TenantScope scope, int take, string? pageToken, CancellationToken ct)
    {
        if (!await ListingsCompleteAsync(ct)) return null;
        var shards = await client.BatchGetAsync(Enumerable.Range(0, ImageShards).Select(i => $"{scope.Document}/listings/images-{i:D2}").ToList(), ct);
        var after = string.IsNullOrEmpty(pageToken) ? null : FirestorePaths.Id(pageToken);
        var ids = shards.OfType<FirestoreDocument>().SelectMany(d => d.StringArray("ids")).Distinct(StringComparer.Ordinal)
            .Where(id => after is null || string.CompareOrdinal(id, after) > 0).Order(StringComparer.Ordinal).Take(take).ToList();
        return (await BatchGetAllAsync(ids.Select(id => $"{scope.Document}/images/{id}").ToList(), ct)).OfType<FirestoreDocument>().ToList();
    }
}
