using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>
/// Told when an image's stored analysis changes: after an analysis is saved (before the upload is marked done, so a
/// failure here retries the message), after a re-overlay applied a non-empty finding diff, and when another image's
/// upload changed an image's base or its base's advice (a re-link, a catalog refresh). Policy evaluation and
/// notifications hang here.
/// </summary>
public interface IImageChangeObserver
{
    Task AnalyzedAsync(ImageRef image, CancellationToken ct = default);
    Task ReoverlaidAsync(ImageRef image, FindingDiff diff, CancellationToken ct = default);
    Task BaseChangedAsync(ImageRef image, CancellationToken ct = default);
}
