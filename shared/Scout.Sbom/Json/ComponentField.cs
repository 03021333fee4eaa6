using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>The CycloneDX component properties the reader uses (CycloneDxJsonReader.ReadComponent).</summary>
internal enum ComponentField
{
    Other, BomRef, IsExternal, VersionRange, Type, Name, Group, Version, Purl, Description, Author, Publisher, Authors,
    Scope, Licenses, Hashes, Properties, Swid, Pedigree, Evidence, Components,
}

internal static class ComponentFields
{
    /// <summary>
    /// The property name the reader is on. By length first: a big SBOM has millions of property names, and comparing each
    /// with every known name in turn was a visible share of reading it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ComponentField Of(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped || r.HasValueSequence) return Of(System.Text.Encoding.UTF8.GetBytes(r.GetString()!));
        return Of(r.ValueSpan);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ComponentField Of(ReadOnlySpan<byte> n) => n.Length switch
    {
        4 => n.SequenceEqual("type"u8) ? ComponentField.Type : n.SequenceEqual("name"u8) ? ComponentField.Name
            : n.SequenceEqual("purl"u8) ? ComponentField.Purl : n.SequenceEqual("swid"u8) ? ComponentField.Swid : ComponentField.Other,
        5 => n.SequenceEqual("group"u8) ? ComponentField.Group : n.SequenceEqual("scope"u8) ? ComponentField.Scope : ComponentField.Other,
        6 => n.SequenceEqual("author"u8) ? ComponentField.Author : n.SequenceEqual("hashes"u8) ? ComponentField.Hashes : ComponentField.Other,
        7 => n.SequenceEqual("bom-ref"u8) ? ComponentField.BomRef : n.SequenceEqual("version"u8) ? ComponentField.Version
            : n.SequenceEqual("authors"u8) ? ComponentField.Authors : ComponentField.Other,
        8 => n.SequenceEqual("licenses"u8) ? ComponentField.Licenses : n.SequenceEqual("pedigree"u8) ? ComponentField.Pedigree
            : n.SequenceEqual("evidence"u8) ? ComponentField.Evidence : ComponentField.Other,
        9 => n.SequenceEqual("publisher"u8) ? ComponentField.Publisher : ComponentField.Other,
        10 => n.SequenceEqual("isExternal"u8) ? ComponentField.IsExternal : n.SequenceEqual("properties"u8) ? ComponentField.Properties
            : n.SequenceEqual("components"u8) ? ComponentField.Components : ComponentField.Other,
        11 => n.SequenceEqual("description"u8) ? ComponentField.Description : ComponentField.Other,
        12 => n.SequenceEqual("versionRange"u8) ? ComponentField.VersionRange : ComponentField.Other,
        _ => ComponentField.Other,
    };
}
