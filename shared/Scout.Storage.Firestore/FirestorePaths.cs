using System.Security.Cryptography;
using System.Text;

namespace Scout.Storage.Firestore;

/// <summary>
/// Every document name the store uses. Tenant data lives only under tenants/{tenantId}/..., and the only way to
/// name such a document is through <see cref="TenantScope"/>: server credentials bypass security rules, so this
/// code is the guard. Ids are escaped so that no caller-supplied value can add a path segment.
/// </summary>
public sealed class FirestorePaths(string documentsRoot)
{
    public string Root => documentsRoot;

    public string TenantKey(string keyId) => $"{documentsRoot}/tenantKeys/{Id(keyId)}";
    /// <summary>One source's record of an advisory id: sources share bare ids (CVE-…), so the source is part of the name.</summary>
    public string Advisory(string source, string id) => $"{documentsRoot}/advisories/{Id(source.Length == 0 ? id : source + "|" + id)}";
    /// <summary>The advisories filed under a package key (ecosystem and name escaped into one id): read by name, never queried.</summary>
    public string AdvisoryKey(Core.Model.PackageKey key) => $"{documentsRoot}/advisoryKeys/{Id(IndexKey(key))}";
    /// <summary>Present once every stored advisory has its package keys' documents (see FirestoreScoutStore.AdvisoryKeys.cs).</summary>
    public string AdvisoryKeysComplete => $"{documentsRoot}/meta/advisoryKeys";
    public string Cursor(string feedKey) => $"{documentsRoot}/cursors/{Id(feedKey)}";

    public TenantScope Tenant(string tenantId) => new(this, tenantId);

    /// <summary>
    /// A Firestore document id for any string: '/' and '%' are percent-escaped so the value stays one segment, and ':'
    /// too, because a document name with a colon cannot be the parent in a REST URL ("{parent}:runQuery"),
    /// reserved ids ("." "..", "__x__") are escaped, and over-long values are replaced by their hash.
    /// </summary>
    public static string Id(string raw)
    {
        if (string.IsNullOrEmpty(raw)) throw new ArgumentException("an empty id cannot name a Firestore document");
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
        {
            if (ch is '/' or '%' or ':' || char.IsControl(ch))
                foreach (var b in Encoding.UTF8.GetBytes(ch.ToString())) sb.Append('%').Append(b.ToString("X2"));
            else sb.Append(ch);
        }
        var id = sb.ToString();
        if (id is "." or ".." || (id.StartsWith("__", StringComparison.Ordinal) && id.EndsWith("__", StringComparison.Ordinal)))
            id = "%" + ((int)id[0]).ToString("X2") + id[1..];
        return Encoding.UTF8.GetByteCount(id) <= 1000 ? id : "h-" + Hash(raw);
    }

    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value))).ToLowerInvariant();

    /// <summary>The index key of a package coordinate: one string, so one equality filter finds it.</summary>
    public static string IndexKey(Core.Model.PackageKey key) => key.Ecosystem + "\n" + key.Name;
}

/// <summary>Names of one tenant's documents. Constructed only with a non-empty tenant id; every name it builds starts with the tenant's path.</summary>
public sealed class TenantScope
{
    private readonly string prefix;

    internal TenantScope(FirestorePaths paths, string tenantId)
    {
        if (string.IsNullOrWhiteSpace(tenantId)) throw new ArgumentException("a tenant id is required for tenant data", nameof(tenantId));
        TenantId = tenantId;
        prefix = $"{paths.Root}/tenants/{FirestorePaths.Id(tenantId)}";
    }

    public string TenantId { get; }
    /// <summary>The tenant document: the parent of its images and uploads collections.</summary>
    public string Document => prefix;

    public string Upload(string uploadId) => $"{prefix}/uploads/{FirestorePaths.Id(uploadId)}";
    public string UploadChunk(string uploadId, string gen, int n) => $"{Upload(uploadId)}/chunks/{gen}-{n:D5}";
    public string Image(string digest) => $"{prefix}/images/{FirestorePaths.Id(digest)}";
    public string ImageBlob(string digest, string kind, string gen, int n) => $"{Image(digest)}/blobs/{kind}-{gen}-{n:D5}";
    public string IndexEntry(string digest, string indexKey) => $"{Image(digest)}/packageIndex/{FirestorePaths.Hash(indexKey)[..40]}";
    public string Environment(string digest, string envKey) => $"{Image(digest)}/environments/{FirestorePaths.Hash(envKey)[..40]}";
    public string Vex(string digest, string documentId) => $"{Image(digest)}/vex/{FirestorePaths.Id(documentId)}";

    /// <summary>True when a name read back from a query belongs to this tenant (defence in depth on query results).</summary>
    public bool Owns(string documentName) => documentName.StartsWith(prefix + "/", StringComparison.Ordinal);
}
