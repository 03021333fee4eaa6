namespace Scout.Versions;

/// <summary>One ecosystem's native version ordering. Never throws: an unparseable string is "invalid".</summary>
public interface IVersionScheme
{
    string Name { get; }

    bool IsValid(string version);

    /// <summary>-1, 0 or 1 as the ecosystem's own tool orders a and b; null when either is invalid there.</summary>
    int? Compare(string a, string b);
}
