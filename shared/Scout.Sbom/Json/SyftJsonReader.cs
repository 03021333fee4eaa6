using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>Syft's native JSON: artifacts (packages with locations and metadata), relationships, source and distro.</summary>
internal static class SyftJsonReader
{
    public static void ReadArtifacts(JsonSource src, ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn("$.artifacts", "artifacts is not an array; ignored"); src.Skip(ref r); return; }
        var index = 0;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var path = $"$.artifacts[{index++}]";
            if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn(path, "artifact is not an object; ignored"); src.Skip(ref r); continue; }
            src.CountComponent(ref r, path);
            var p = new RawPackage { Path = path };
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("id"u8)) { src.ReadValue(ref r); p.Ref = src.String(ref r); }
                else if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); p.Name = src.String(ref r); }
                else if (r.ValueTextEquals("version"u8)) { src.ReadValue(ref r); p.Version = src.String(ref r); }
                else if (r.ValueTextEquals("type"u8)) { src.ReadValue(ref r); p.Kind = src.String(ref r); }
                else if (r.ValueTextEquals("purl"u8)) { src.ReadValue(ref r); p.Purl = src.String(ref r); }
                else if (r.ValueTextEquals("locations"u8)) { src.ReadValue(ref r); ReadLocations(src, ref r, p); }
                else if (r.ValueTextEquals("licenses"u8)) { src.ReadValue(ref r); ReadLicenses(src, ref r, sbom, p); }
                else if (r.ValueTextEquals("metadata"u8)) { src.ReadValue(ref r); ReadMetadata(src, ref r, p); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (string.IsNullOrEmpty(p.Name)) sbom.Warn(path, "artifact has no name");
            sbom.Packages.Add(p);
        }
    }

    private static void ReadLocations(JsonSource src, ref Utf8JsonReader r, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                var isPath = r.ValueTextEquals("path"u8) || r.ValueTextEquals("realPath"u8);
                var isLayer = r.ValueTextEquals("layerID"u8);
                src.ReadValue(ref r);
                var value = src.String(ref r);
                if (isLayer && !string.IsNullOrEmpty(value)) p.Layer ??= value;
                if (isPath && value is not null && (p.FilePaths is null || !p.FilePaths.Contains(value))) p.AddFilePath(value);
            }
        }
    }

    private static void ReadLicenses(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                AddLicenseText(sbom, p, r.GetString()!);
                continue;
            }
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? value = null, expression = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("value"u8)) { src.ReadValue(ref r); value = src.String(ref r); }
                else if (r.ValueTextEquals("spdxExpression"u8)) { src.ReadValue(ref r); expression = src.String(ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (!string.IsNullOrWhiteSpace(expression)) LicenseFacts.AddExpression(p, sbom, expression);
            else if (value is not null) AddLicenseText(sbom, p, value);
        }
    }

    private static void AddLicenseText(RawSbom sbom, RawPackage p, string text)
    {
        if (LicenseText.IdsOf(text) is { Count: > 0 }) LicenseFacts.AddExpression(p, sbom, text);
        else if (!LicenseText.IsNoAssertion(text)) p.AddLicenseName(text);
    }

    private static void ReadMetadata(JsonSource src, ref Utf8JsonReader r, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); return; }
        string? author = null, maintainer = null;
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("source"u8) || r.ValueTextEquals("originPackage"u8)) { src.ReadValue(ref r); var s = src.String(ref r); if (!string.IsNullOrEmpty(s)) p.SourcePackage ??= s; }
            else if (r.ValueTextEquals("sourceRpm"u8)) { src.ReadValue(ref r); var s = src.String(ref r); if (s is not null) p.SourcePackage ??= ComponentProperties.SourceRpmName(s); }
            else if (r.ValueTextEquals("installedSize"u8)) { src.ReadValue(ref r); p.InstalledSize = src.Int64(ref r); }
            else if (r.ValueTextEquals("size"u8)) { src.ReadValue(ref r); p.Size ??= src.Int64(ref r); }
            else if (r.ValueTextEquals("description"u8)) { src.ReadValue(ref r); p.Description ??= src.String(ref r); }
            else if (r.ValueTextEquals("author"u8)) { src.ReadValue(ref r); author = src.String(ref r); }
            else if (r.ValueTextEquals("maintainer"u8)) { src.ReadValue(ref r); maintainer = src.String(ref r); }
            else { src.ReadValue(ref r); src.Skip(ref r); }
        }
        p.Author ??= string.IsNullOrEmpty(author) ? maintainer : author;
    }

    public static void ReadRelationships(JsonSource src, ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? parent = null, child = null, type = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("parent"u8)) { src.ReadValue(ref r); parent = src.String(ref r); }
                else if (r.ValueTextEquals("child"u8)) { src.ReadValue(ref r); child = src.String(ref r); }
                else if (r.ValueTextEquals("type"u8)) { src.ReadValue(ref r); type = src.String(ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (parent is null || child is null) continue;
            // syft: "dependency-of" reads "parent is a dependency of child"; "contains" reads "parent contains child".
            if (type == "dependency-of") { sbom.Edges.Add((child, parent)); sbom.GraphRefs.Add(child); }
            else if (type == "contains") { sbom.Edges.Add((parent, child)); sbom.GraphRefs.Add(parent); }
        }
    }

    public static void ReadSource(JsonSource src, ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); return; }
        var subject = new RawPackage { Path = "$.source" };
        string? userInput = null, digest = null;
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { src.ReadValue(ref r); subject.Ref = src.String(ref r); }
            else if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); subject.Name = src.String(ref r); }
            else if (r.ValueTextEquals("version"u8)) { src.ReadValue(ref r); subject.Version = src.String(ref r); }
            else if (r.ValueTextEquals("type"u8)) { src.ReadValue(ref r); subject.Kind = src.String(ref r); }
            else if (r.ValueTextEquals("target"u8) || r.ValueTextEquals("metadata"u8))
            {
                src.ReadValue(ref r);
                if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
                while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("userInput"u8)) { src.ReadValue(ref r); userInput = src.String(ref r); }
                    else if (r.ValueTextEquals("manifestDigest"u8)) { src.ReadValue(ref r); digest = src.String(ref r); }
                    else { src.ReadValue(ref r); src.Skip(ref r); }
                }
            }
            else { src.ReadValue(ref r); src.Skip(ref r); }
        }
        subject.Name ??= userInput;
        subject.Version ??= digest;
        sbom.Subject = subject;
    }

    public static void ReadDistro(JsonSource src, ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); return; }
        string? id = null, version = null;
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { src.ReadValue(ref r); id = src.String(ref r); }
            else if (r.ValueTextEquals("versionID"u8)) { src.ReadValue(ref r); version = src.String(ref r); }
            else if (r.ValueTextEquals("version"u8)) { src.ReadValue(ref r); var v = src.String(ref r); if (version is null && v is not null && char.IsDigit(v[0])) version = v.Split(' ')[0]; }
            else { src.ReadValue(ref r); src.Skip(ref r); }
        }
        if (!string.IsNullOrEmpty(id)) sbom.Os = new Scout.Core.Model.OsRelease(id, version);
    }
}
