namespace Scout.Core.Ports;

/// <summary>
/// Work a store does on its own data a bounded step at a time, driven by the scheduled advisory refresh: a backfill of
/// a layout that data written by an earlier version lacks (Firestore's key and listing documents). Optional: a store
/// without such work does not implement it, and the refresh then does nothing extra.
/// </summary>
public interface IStoreUpkeep
{
    /// <summary>One bounded step, resumable from where the last one stopped; false once nothing is left.</summary>
    Task<bool> RunUpkeepStepAsync(CancellationToken ct = default);
}
