using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>Re-matches one stored image against the current advisories (after a VEX document is attached to it).</summary>
public interface IImageReoverlay
{
    Task ReoverlayAsync(ImageRef image, CancellationToken ct = default);
}
