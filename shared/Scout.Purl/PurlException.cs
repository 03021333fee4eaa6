namespace Scout.Purl;

/// <summary>The purl component an error is about.</summary>
public enum PurlComponent { Scheme, Type, Namespace, Name, Version, Qualifiers, Subpath }

/// <summary>Invalid purl text or components; <see cref="Component"/> says which part is wrong.</summary>
public sealed class PurlException : FormatException
{
    public PurlException(PurlComponent component, string message)
        : base($"{component.ToString().ToLowerInvariant()}: {message}")
    {
        Component = component;
        Reason = message;
    }

    public PurlComponent Component { get; }

    /// <summary>The message without the component prefix.</summary>
    public string Reason { get; }
}
