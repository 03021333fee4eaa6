using System.Text.Json.Nodes;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

// An image's and a tenant's listings (FirestoreScoutStore.Listings.cs): what a save of a new image and the trend's
// pass over a tenant's images read by name instead of by query.
public sealed partial class FirestoreScoutStore
{
    /// <summary>
    /// The image's children in flagged collections (names with update times), before the caller writes new ones: missing
    /// flags are written first, so a save that crashes after writing children leaves them findable. A missing flag in a
    /// fully listed database means the collection is empty, and nothing is queried.
    /// </summary>
    private async Task<IReadOnlyList<Dictionary<string, string?>>> ChildrenBeforeWritingAsync(string image,
        IReadOnlyList<(string Collection, FirestoreDocument? Flag)> collections, CancellationToken ct)
    {
        var missing = collections.Where(c => c.Flag is null).Select(c => c.Collection).ToList();
        if (missing.Count > 0)
            await client.CommitAsync([.. missing.Select(c => Fs.Set(Listing(image, c), new JsonObject { ["collection"] = Fs.Str(c) }))], ct);
        var complete = missing.Count > 0 && await ListingsCompleteAsync(ct);
        var children = new List<Dictionary<string, string?>>();
        foreach (var (collection, _) in collections)
            children.Add(complete && missing.Contains(collection) ? new(StringComparer.Ordinal) : await ListChildrenAsync(image, collection, ct));
        return children;
    }

    /// <summary>
    /// The first page of the tenant's image documents in name order, read through the image listing's shards (one batchGet)
    /// and the images by name; null while the database is not fully listed, and for later pages: those are queried (in the
    /// same name order), so a tenant with many pages does not read its whole listing once per page.
    /// </summary>
    private async Task<IReadOnlyList<FirestoreDocument>?> ListedImagesAsync(TenantScope scope, int take, string? pageToken, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(pageToken) || !await ListingsCompleteAsync(ct)) return null;
        var shards = await client.BatchGetAsync(Enumerable.Range(0, ImageShards).Select(i => $"{scope.Document}/listings/images-{i:D2}").ToList(), ct);
        var ids = shards.OfType<FirestoreDocument>().SelectMany(d => d.StringArray("ids")).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).Take(take).ToList();
        return (await BatchGetAllAsync(ids.Select(id => $"{scope.Document}/images/{id}").ToList(), ct)).OfType<FirestoreDocument>().ToList();
    }
}
