using System.Globalization;
using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>Record fields to and from Firestore documents.</summary>
internal static class FirestoreFields
{
    public static DateTimeOffset? Time(FirestoreDocument d, string field) =>
        d.Fields.TryGetValue(field, out var v) && v.TryGetProperty("timestampValue", out var t)
            ? DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    public static JsonObject Upload(UploadRecord u) => new()
    {
        ["tenantId"] = Fs.Str(u.TenantId), ["uploadId"] = Fs.Str(u.UploadId), ["imageDigest"] = Fs.Str(u.ImageDigest),
        ["sbomSha256"] = Fs.Str(u.SbomSha256), ["status"] = Fs.Str(u.Status), ["reason"] = Fs.StrOrNull(u.Reason),
        ["createdAt"] = Fs.Time(u.CreatedAt), ["updatedAt"] = Fs.Time(u.UpdatedAt),
    };

    public static UploadRecord ToUpload(FirestoreDocument d) => new()
    {
        TenantId = d.RequiredString("tenantId"), UploadId = d.RequiredString("uploadId"), ImageDigest = d.RequiredString("imageDigest"),
        SbomSha256 = d.RequiredString("sbomSha256"), Status = d.RequiredString("status"), Reason = d.String("reason"),
        CreatedAt = Time(d, "createdAt") ?? default, UpdatedAt = Time(d, "updatedAt") ?? default,
    };
}
