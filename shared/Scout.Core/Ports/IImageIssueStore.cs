namespace Scout.Core.Ports;

/// <summary>
/// Why the last re-overlay of an image failed (a corrupt stored row, a VEX document that no longer parses): kept on
/// the image and shown as a warning by GET /v1/images/{digest}, so a refresh can go on past it without losing it.
/// </summary>
public interface IImageIssueStore
{
    /// <summary>Records the reason, or with null clears it (the next re-overlay succeeded).</summary>
    Task SetReoverlayIssueAsync(string tenantId, string digest, string? reason, DateTimeOffset at, CancellationToken ct = default);
    Task<string?> GetReoverlayIssueAsync(string tenantId, string digest, CancellationToken ct = default);
}
