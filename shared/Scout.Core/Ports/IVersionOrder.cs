namespace Scout.Core.Ports;

/// <summary>An ecosystem's own version order, by purl type. Null when the type has no known scheme or a version is invalid there.</summary>
public interface IVersionOrder
{
    int? Compare(string purlType, string a, string b);
}
