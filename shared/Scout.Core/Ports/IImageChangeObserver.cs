using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>
/// Told when an image's stored analysis changes: after an analysis is saved (before the upload is marked done, so a
/// failure here retries the message) and after a re-overlay applied a non-empty finding diff. Policy evaluation and
/// notifications hang here.
/// </summary>
public interface IImageChangeObserver
{
    Task AnalyzedAsync(ImageRef image, CancellationToken ct = default);
    Task ReoverlaidAsync(ImageRef image, FindingDiff diff, CancellationToken ct = default);
}
