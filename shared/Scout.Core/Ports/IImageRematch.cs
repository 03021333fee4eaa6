using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>Re-matches one stored image against the current advisories (after a VEX document is attached to it).</summary>
public interface IImageRematch
{
    Task RematchAsync(ImageRef image, CancellationToken ct = default);
}
