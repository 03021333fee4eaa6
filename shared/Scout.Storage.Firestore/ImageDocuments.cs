using System.Text;
using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore;

/// <summary>Where a chunked payload of an image lives: kind + generation + chunk count.</summary>
internal sealed record BlobRef(string Kind, string Gen, int Chunks)
{
    public IEnumerable<string> Names(TenantScope scope, string digest) =>
        Enumerable.Range(0, Chunks).Select(i => scope.ImageBlob(digest, Kind, Gen, i));

    public static BlobRef? From(FirestoreDocument d, string kind) =>
        d.String(kind + "Gen") is { } gen ? new BlobRef(kind, gen, (int)d.Integer(kind + "Chunks")) : null;
}

/// <summary>
/// The image document: queryable scalars, the StoredImage record as JSON (inline, or chunked when warnings make it
/// large), and references to the chunked package and finding lists of the current generation.
/// </summary>
internal sealed class ImageDocumentWriter(TenantScope scope, string digest)
{
    /// <summary>Inline record limit; beyond it the record goes to chunks so the document stays under 1 MiB.</summary>
    private const int InlineRecordBytes = 256 * 1024;

    public List<JsonObject> BlobWrites { get; } = [];
    public JsonObject Fields { get; } = new();
    public IEnumerable<string> BlobNames => BlobWrites.Select(w => w["update"]!["name"]!.GetValue<string>());

    public ImageDocumentWriter Scalars(StoredImage image)
    {
        Fields["tenantId"] = Fs.Str(scope.TenantId);
        Fields["digest"] = Fs.Str(digest);
        Fields["revision"] = Fs.Int(image.Revision);
        Fields["analyzedAt"] = Fs.Time(image.AnalyzedAt);
        Fields["sbomSha256"] = Fs.Str(image.SbomSha256);
        Fields["packageCount"] = Fs.Int(image.PackageCount);
        var json = ScoutJson.Serialize(image with { Revision = 0 });
        if (Encoding.UTF8.GetByteCount(json) <= InlineRecordBytes) Fields["record"] = Fs.Str(json);
        else Blob("record", Blobs.GzipJson(image with { Revision = 0 }));
        return this;
    }

    /// <summary>Writes a new generation of a chunked payload and points the image document at it.</summary>
    public BlobRef Blob(string kind, byte[] payload)
    {
        var gen = Blobs.NewGeneration();
        var chunks = Blobs.Split(payload);
        for (var i = 0; i < chunks.Count; i++)
            BlobWrites.Add(Fs.Set(scope.ImageBlob(digest, kind, gen, i), Blobs.ChunkFields(chunks[i])));
        Fields[kind + "Gen"] = Fs.Str(gen);
        Fields[kind + "Chunks"] = Fs.Int(chunks.Count);
        return new BlobRef(kind, gen, chunks.Count);
    }

    /// <summary>Carries a payload reference over unchanged from the current document.</summary>
    public void Keep(BlobRef? blob)
    {
        if (blob == null) return;
        Fields[blob.Kind + "Gen"] = Fs.Str(blob.Gen);
        Fields[blob.Kind + "Chunks"] = Fs.Int(blob.Chunks);
    }

    public static StoredImage Empty(string tenantId, string digest) => new()
    {
        TenantId = tenantId, Image = new ImageMetadata { Digest = digest }, SbomSha256 = "", SbomFormat = "",
    };
}
