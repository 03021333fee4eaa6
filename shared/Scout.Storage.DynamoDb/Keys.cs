using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// The single-table key layout. Every tenant item's partition key starts with "T#{tenantId}#", so an IAM policy
/// with <c>dynamodb:LeadingKeys</c> like "T#${aws:PrincipalTag/tenant}#*" confines a principal to one tenant.
/// Global items (API key lookup, advisories, feed cursors) use other prefixes. GSI1 is overloaded and sparse:
/// the inverted index (ecosystem, package name) -> images, advisories by package, and pending uploads.
/// </summary>
internal static class Keys
{
    public const string Pk = "PK", Sk = "SK", Gsi1Pk = "GSI1PK", Gsi1Sk = "GSI1SK", Gsi1 = "GSI1";
    public const string Ttl = "ttl", EntityType = "et";

    public static string TenantPrefix(string tenantId) => $"T#{Checked(tenantId, "tenant id")}#";
    public static string TenantItem(string tenantId) => TenantPrefix(tenantId) + "TENANT";
    public static string ApiKey(string keyId) => "KEY#" + keyId;
    public static string Upload(string tenantId, string uploadId) => TenantPrefix(tenantId) + "UPLOAD#" + uploadId;
    public static string ImageList(string tenantId) => TenantPrefix(tenantId) + "IMAGES";
    public static string Image(string tenantId, string digest) => TenantPrefix(tenantId) + "IMAGE#" + digest;
    public static string ImageSk(string digest) => "IMG#" + digest;
    public static string PackageIndex(PackageKey key) => $"PKG#{key.Ecosystem}#{key.Name}";
    public static string PackageIndexSk(PackageKey key) => $"IDX#{key.Ecosystem}#{key.Name}";
    public static string Advisory(string id) => "ADV#" + id;
    public static string AdvisoryIndex(PackageKey key) => $"APKG#{key.Ecosystem}#{key.Name}";
    public static string AdvisoryIndexSk(PackageKey key) => $"KEY#{key.Ecosystem}#{key.Name}";
    /// <summary>One source's record under an advisory id: its head's sort key, and the prefix of its key and chunk items.</summary>
    public static string AdvisorySource(string source) => "SRC#" + source;
    public static string Cursor(string feedKey) => "CURSOR#" + feedKey;
    public const string Meta = "META";
    public const string Pending = "PENDING";

    public static string Chunk(string prefix, int index) => $"{prefix}#{index:D5}";

    /// <summary>'#' separates key parts; a tenant id holding one could reach into another tenant's prefix.</summary>
    private static string Checked(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('#'))
            throw new ArgumentException($"{what} '{value}' is empty or contains '#', which the DynamoDB key layout reserves");
        return value;
    }
}

internal static class EntityTypes
{
    public const string Tenant = "tenant", ApiKey = "apikey", Upload = "upload", UploadChunk = "upload-chunk";
    public const string Image = "image", Chunk = "chunk", IndexEntry = "index", Environment = "environment", Vex = "vex";
    public const string Advisory = "advisory", AdvisoryKey = "advisory-key", Cursor = "cursor";
}
