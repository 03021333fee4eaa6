namespace Scout.Core.Model;

/// <summary>
/// The image an overlay is for, as a VEX product can name it: its digest and its repository (registry URL without
/// tag or digest). Null in local analysis, where there is no image: image-level VEX products then match nothing.
/// </summary>
public sealed record ImageSubject(string Digest, string? Repository)
{
    public static ImageSubject Of(ImageMetadata image) => new(image.Digest, image.Registry?.Url);
}
