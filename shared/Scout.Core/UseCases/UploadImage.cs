using System.Security.Cryptography;
using System.Text;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

public sealed record UploadResult(UploadRecord Upload, bool Created);

/// <summary>
/// Data flow step 1: validate the envelope, redact secrets, store the document, enqueue a reference.
/// Idempotent on (tenant, image digest, SBOM sha256): the upload id is derived from them.
/// </summary>
public sealed class UploadImage(IScoutStore store, IWorkQueue queue, ISecretScanner secrets, IClock clock, UploadLimits limits)
{
    public async Task<UploadResult> ExecuteAsync(string tenantId, ReadOnlyMemory<byte> envelopeJson, CancellationToken ct = default)
    {
        var envelope = UploadEnvelopeParser.Parse(envelopeJson, limits);
        var sbomSha256 = Convert.ToHexString(SHA256.HashData(envelope.Sbom)).ToLowerInvariant();
        var (redacted, secretFindings) = secrets.Scan(envelope.Image);
        // The id covers the (redacted) metadata too: the same SBOM with changed env or labels is a new upload whose
        // analysis replaces the stored metadata, instead of an idempotent no-op that would keep the old one.
        var uploadId = UploadIdFor(tenantId, envelope.Image.Digest, sbomSha256, MetadataSha256(redacted));
        var now = clock.UtcNow;

        if (envelope.Environment is { } env)
            await store.AddEnvironmentAsync(tenantId, new EnvironmentRecord
            {
                Namespace = env.Namespace, WorkloadName = env.WorkloadName, WorkloadType = env.WorkloadType,
                ImageDigest = envelope.Image.Digest, SeenAt = now,
            }, ct);

        var document = new UploadDocument(redacted, secretFindings, envelope.Environment, envelope.Sbom).Pack();
        var (upload, created) = await store.CreateUploadAsync(new UploadRecord
        {
            TenantId = tenantId, UploadId = uploadId, ImageDigest = envelope.Image.Digest, SbomSha256 = sbomSha256,
            Status = UploadStatuses.Queued, CreatedAt = now, UpdatedAt = now,
        }, document, ct);
        // A re-upload of a still-queued upload is enqueued again: if the first enqueue was lost, this recovers it;
        // if not, the duplicate delivery is a no-op in QueueAnalysis.
        if (created || upload.Status == UploadStatuses.Queued)
            await queue.EnqueueAsync(new AnalyzeImageMessage(tenantId, uploadId), ct);
        return new UploadResult(upload, created);
    }

    public static string UploadIdFor(string tenantId, string digest, string sbomSha256, string metadataSha256) =>
        "up_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{digest}\n{sbomSha256}\n{metadataSha256}")))[..32].ToLowerInvariant();

    /// <summary>A hash of the metadata as stored (after redaction), independent of label order.</summary>
    public static string MetadataSha256(ImageMetadata image)
    {
        var text = new StringBuilder();
        void Line(params string?[] parts) => text.Append(string.Join('\0', parts.Select(p => p ?? "\u0001"))).Append('\n');
        Line(image.Digest, image.CreatedAt?.ToString("O"), image.Architecture, image.Os?.Type, image.Os?.Version, image.Registry?.Url, image.Registry?.Type);
        Line([.. image.ExposedPorts]);
        Line([.. image.Layers]);
        foreach (var e in image.Env) Line("env", e.Name, e.Value);
        foreach (var (k, v) in image.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) Line("label", k, v);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}
