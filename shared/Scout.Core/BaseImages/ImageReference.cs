namespace Scout.Core.BaseImages;

/// <summary>
/// Repository and tag of a registry url (DESIGN.md section 8): "docker.io/library/debian:12" is repository
/// "docker.io/library/debian", tag "12": the tag is what follows the last ':' after the last '/', so a registry port
/// ("localhost:5000/app") is not a tag. A digest reference ("…@sha256:…") has no tag.
/// </summary>
public sealed record ImageReference(string Repository, string? Tag)
{
    public static ImageReference? Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var text = url.Trim();
        var at = text.IndexOf('@');
        if (at >= 0) return at == 0 ? null : new ImageReference(text[..at], null);
        var slash = text.LastIndexOf('/');
        var colon = text.LastIndexOf(':');
        if (colon > slash && colon < text.Length - 1 && colon > 0) return new ImageReference(text[..colon], text[(colon + 1)..]);
        return new ImageReference(colon == text.Length - 1 ? text[..colon] : text, null);
    }
}
