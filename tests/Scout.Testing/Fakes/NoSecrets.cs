using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>A secret scanner that finds nothing (the secret rules have their own tests).</summary>
public sealed class NoSecrets : ISecretScanner
{
    public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image) => (image, []);
}
