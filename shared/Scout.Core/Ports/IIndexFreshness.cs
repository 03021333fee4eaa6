namespace Scout.Core.Ports;

/// <summary>
/// Keeps a process's advisory index in step with the store's advisories (the store's watermark, UseCases/AdvisoryRevision.cs).
/// Queue analysis reads it before its overlay and again after its save, so a refresh that lands in between is never missed.
/// </summary>
public interface IIndexFreshness
{
    /// <summary>Brings the index up to the store's advisories; returns the watermark the index reflects at least.</summary>
    Task<long> EnsureFreshAsync(CancellationToken ct = default);

    /// <summary>The store's watermark now (one small read; the index is not touched).</summary>
    Task<long> StoreRevisionAsync(CancellationToken ct = default);
}
