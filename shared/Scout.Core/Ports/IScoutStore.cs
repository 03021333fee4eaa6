using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>
/// Everything the platform persists. Every adapter (SQLite, DynamoDB, Firestore) implements all of it and
/// passes the same contract suite (tests/Scout.Testing/StoreContract). Tenant isolation is the store's job:
/// every read and write of tenant data takes the tenant id and never returns another tenant's data.
/// </summary>
public interface IScoutStore : ITenantStore, IUploadStore, IImageStore, IAdvisoryStore, IImageIssueStore,
    ITrendStore, IBaseImageStore, IPolicyStore, IWebhookStore, ITenantLookup
{
    /// <summary>Creates tables / indexes / collections if missing; idempotent.</summary>
    Task InitializeAsync(CancellationToken ct = default);
}

public interface ITenantStore
{
    /// <summary>Fails with <see cref="DuplicateException"/> if the key id is taken.</summary>
    Task CreateTenantAsync(TenantRecord tenant, CancellationToken ct = default);
    Task<TenantRecord?> GetTenantByKeyIdAsync(string keyId, CancellationToken ct = default);
}

public interface IUploadStore
{
    /// <summary>
    /// Stores the upload and its (compressed) document unless an upload with the same id exists.
    /// Returns the stored record and whether this call created it. Large documents are chunked by the adapter.
    /// </summary>
    Task<(UploadRecord Upload, bool Created)> CreateUploadAsync(UploadRecord upload, byte[] compressedDocument, CancellationToken ct = default);
    Task<UploadRecord?> GetUploadAsync(string tenantId, string uploadId, CancellationToken ct = default);
    Task<byte[]?> GetUploadDocumentAsync(string tenantId, string uploadId, CancellationToken ct = default);
    Task UpdateUploadStatusAsync(string tenantId, string uploadId, string status, string? reason, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Uploads still queued or analyzing (recovery after a crash).</summary>
    Task<IReadOnlyList<UploadRecord>> ListPendingUploadsAsync(CancellationToken ct = default);
}

public interface IImageStore
{
    /// <summary>Replaces the image, its packages, findings and index entries as a unit; idempotent.</summary>
    Task SaveAnalysisAsync(ImageAnalysis analysis, CancellationToken ct = default);
    Task<StoredImage?> GetImageAsync(string tenantId, string digest, CancellationToken ct = default);
    Task<Page<StoredImage>> ListImagesAsync(string tenantId, int limit, string? pageToken, CancellationToken ct = default);
    Task<IReadOnlyList<PackageRecord>> GetPackagesAsync(string tenantId, string digest, CancellationToken ct = default);
    Task<IReadOnlyList<Finding>> GetFindingsAsync(string tenantId, string digest, CancellationToken ct = default);
    /// <summary>Applies a re-overlay diff; the image's finding counts follow.</summary>
    Task ApplyFindingDiffAsync(string tenantId, string digest, FindingDiff diff, CancellationToken ct = default);
    /// <summary>The inverted index: every stored image (any tenant) holding a package indexed under the key.</summary>
    Task<IReadOnlyList<ImageRef>> FindImagesByPackageAsync(PackageKey key, CancellationToken ct = default);
    /// <summary>Every stored image of every tenant (full re-scan).</summary>
    IAsyncEnumerable<ImageRef> ListAllImagesAsync(CancellationToken ct = default);
    Task AddEnvironmentAsync(string tenantId, EnvironmentRecord environment, CancellationToken ct = default);
    Task<IReadOnlyList<EnvironmentRecord>> GetEnvironmentsAsync(string tenantId, string digest, CancellationToken ct = default);
    Task AddVexAsync(string tenantId, string digest, VexDocumentRecord vex, CancellationToken ct = default);
    Task<IReadOnlyList<VexDocumentRecord>> GetVexAsync(string tenantId, string digest, CancellationToken ct = default);
}

public interface IAdvisoryStore
{
    /// <summary>
    /// Inserts or replaces advisories by (source, id): sources publish records under the same bare id (the CVE-… records
    /// of Debian, Alpine, DHI, Seal) and one never replaces another's. Within a source a record is replaced only by one
    /// with a newer or equal modified. Returns the package keys the replaced records were filed under: a record whose
    /// new version drops a package must still be re-overlaid on the images holding that package.
    /// </summary>
    Task<IReadOnlyCollection<PackageKey>> UpsertAdvisoriesAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default);
    /// <summary>Every source's record under the id, ordered by source.</summary>
    Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesByIdAsync(string id, CancellationToken ct = default);
    /// <summary>One record under the id: the most recently modified of its sources'.</summary>
    async Task<StoredAdvisory?> GetAdvisoryAsync(string id, CancellationToken ct = default) =>
        (await GetAdvisoriesByIdAsync(id, ct)).OrderByDescending(a => a.Modified).FirstOrDefault();
    Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesForPackageAsync(PackageKey key, CancellationToken ct = default);
    /// <summary>
    /// The records filed under each key (a key without records maps to an empty list): what a cold host reads for one
    /// analysis. Stores with a multi-key query override it; by default one query per key, <see cref="PackageReadsInFlight"/> at a time.
    /// </summary>
    async Task<IReadOnlyDictionary<PackageKey, IReadOnlyList<StoredAdvisory>>> GetAdvisoriesForPackagesAsync(IReadOnlyCollection<PackageKey> keys, CancellationToken ct = default)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<PackageKey, IReadOnlyList<StoredAdvisory>>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = PackageReadsInFlight, CancellationToken = ct },
            async (key, token) => found[key] = await GetAdvisoriesForPackageAsync(key, token));
        return found;
    }
    /// <summary>Package reads in flight for one analysis (a round trip each on a cloud store).</summary>
    const int PackageReadsInFlight = 32;
    IAsyncEnumerable<StoredAdvisory> ReadAllAdvisoriesAsync(CancellationToken ct = default);
    Task<string?> GetCursorAsync(string feedKey, CancellationToken ct = default);
    Task SetCursorAsync(string feedKey, string cursor, CancellationToken ct = default);
}

/// <summary>A write that would duplicate a unique key.</summary>
public sealed class DuplicateException(string message) : Exception(message);
