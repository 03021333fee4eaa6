using System.Xml.Linq;

namespace Scout.Sbom.Xml;

/// <summary>CycloneDX XML elements (component, metadata, dependencies) into the raw model; namespaces are matched by local name.</summary>
internal sealed class CycloneDxXmlElements(RawSbom sbom, SbomLimits limits)
{
    private int components;

    private static string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim();

    private static IEnumerable<XElement> Children(XElement e, string name) => e.Elements().Where(c => c.Name.LocalName == name);

    private static IEnumerable<XElement> Grandchildren(XElement e, string name, string item) => Children(e, name).SelectMany(c => Children(c, item));

    public RawPackage ReadComponent(XElement e, string path, RawPackage? parent, int depth)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++components > limits.MaxComponents)
            throw new SbomFormatException("cyclonedx-xml", path, null, $"more than {limits.MaxComponents} components", $"max components {limits.MaxComponents}");
        var p = ReadFields(e, path);
        sbom.Packages.Add(p);
        if (parent?.Ref is not null && p.Ref is not null) sbom.NestingEdges.Add((parent.Ref, p.Ref));
        ReadNested(e, path, p, depth);
        return p;
    }

    private void ReadNested(XElement e, string path, RawPackage p, int depth)
    {
        var i = 0;
        foreach (var nested in Grandchildren(e, "components", "component"))
        {
            if (depth + 1 > limits.MaxDepth)
                throw new SbomFormatException("cyclonedx-xml", path, null, "components are nested too deeply", $"max depth {limits.MaxDepth}");
            ReadComponent(nested, $"{path}/components/component[{++i}]", p, depth + 1);
        }
    }

    private RawPackage ReadFields(XElement e, string path)
    {
        var p = new RawPackage
        {
            Path = path,
            Ref = (string?)e.Attribute("bom-ref"),
            Kind = (string?)e.Attribute("type"),
            Name = Child(e, "name"),
            Group = Child(e, "group"),
            Version = Child(e, "version"),
            Purl = Child(e, "purl"),
            Description = Child(e, "description"),
        };
        if (p.Ref is { Length: 0 }) { sbom.Warn(path, "bom-ref is empty"); p.Ref = null; }
        sbom.DeclareRef(p.Ref, path + "/@bom-ref");
        CycloneDxXmlChecks.Component(e, path, sbom);
        var isExternal = (string?)e.Attribute("isExternal") == "true";
        var hasRange = Child(e, "versionRange") is not null;
        if (hasRange && !isExternal) sbom.Warn(path + "/versionRange", "versionRange is only allowed on external components (isExternal=\"true\")");
        if (hasRange && p.Version is not null) sbom.Warn(path + "/versionRange", "component has both version and versionRange");
        if (p.Kind is null) sbom.Warn(path, "component has no type");
        else if (!CycloneDxRules.ComponentTypes.Contains(p.Kind)) sbom.Warn(path + "/@type", $"unknown component type '{p.Kind}'");
        if (string.IsNullOrEmpty(p.Name)) sbom.Warn(path, "component has no name");
        var scope = Child(e, "scope");
        if (scope is not null && !CycloneDxRules.Scopes.Contains(scope)) sbom.Warn(path + "/scope", $"unknown scope '{scope}'");
        var authors = Grandchildren(e, "authors", "author").Select(a => Child(a, "name")).OfType<string>().ToList();
        p.Author = Child(e, "author") ?? (authors.Count > 0 ? string.Join(", ", authors) : null) ?? Child(e, "publisher");
        foreach (var licenses in Children(e, "licenses")) ReadLicenses(licenses, p);
        var hashIndex = 0;
        foreach (var hash in Grandchildren(e, "hashes", "hash"))
        {
            hashIndex++;
            var problem = CycloneDxRules.CheckHash((string?)hash.Attribute("alg"), hash.Value.Trim());
            if (problem is not null) sbom.Warn($"{path}/hashes/hash[{hashIndex}]", problem);
        }
        var propertyIndex = 0;
        foreach (var property in Grandchildren(e, "properties", "property"))
        {
            propertyIndex++;
            var name = (string?)property.Attribute("name");
            if (name is null) sbom.Warn($"{path}/properties/property[{propertyIndex}]/@name", "property has no name");
            ComponentProperties.Apply(p, name, property.Value);
        }
        foreach (var occurrence in Children(e, "evidence").SelectMany(ev => Grandchildren(ev, "occurrences", "occurrence")))
        {
            var location = (string?)occurrence.Attribute("location") ?? Child(occurrence, "location");
            if (location is not null) p.AddFilePath(location);
        }
        return p;
    }

    private void ReadLicenses(XElement licenses, RawPackage p)
    {
        int expressions = 0, entries = 0;
        var licensesPath = p.Path + "/licenses";
        foreach (var item in licenses.Elements())
        {
            switch (item.Name.LocalName)
            {
                case "expression":
                    expressions++;
                    LicenseFacts.AddExpression(p, sbom, item.Value);
                    break;
                case "license":
                    entries++;
                    var entryPath = $"{licensesPath}/license[{entries}]";
                    var ids = Children(item, "id").ToList();
                    var names = Children(item, "name").ToList();
                    if (ids.Count > 1 || names.Count > 1) sbom.Warn(entryPath, "license has more than one id or name");
                    foreach (var text in Children(item, "text"))
                        if ((string?)text.Attribute("encoding") is { } encoding && encoding != "base64")
                            sbom.Warn(entryPath + "/text/@encoding", $"license text encoding '{encoding}' is not base64");
                    LicenseFacts.AddLicense(p, sbom, ids.FirstOrDefault()?.Value.Trim(), names.FirstOrDefault()?.Value.Trim(), entryPath, entryPath + "/id");
                    break;
            }
        }
        if (expressions > 0 && entries > 0 || expressions > 1)
            sbom.MixedLicenseChoices.Add(licensesPath);
    }

    public void ReadMetadata(XElement metadata)
    {
        CycloneDxXmlChecks.Metadata(metadata, sbom);
        var timestamp = Child(metadata, "timestamp");
        if (timestamp is not null && !CycloneDxRules.IsTimestamp(timestamp)) sbom.Warn("/bom/metadata/timestamp", $"timestamp '{timestamp}' is not an RFC 3339 date-time");
        foreach (var licenses in Children(metadata, "licenses")) ReadLicenses(licenses, new RawPackage { Path = "/bom/metadata" });
        var component = Children(metadata, "component").FirstOrDefault();
        if (component is null) return;
        var subject = ReadFields(component, "/bom/metadata/component");
        sbom.Subject = subject;
        ReadNested(component, "/bom/metadata/component", subject, 0);
    }

    public void ReadDependencies(XElement dependencies)
    {
        var i = 0;
        foreach (var dependency in Children(dependencies, "dependency"))
        {
            var path = $"/bom/dependencies/dependency[{++i}]";
            var from = (string?)dependency.Attribute("ref");
            if (from is null) { sbom.Warn(path, "dependency has no ref"); continue; }
            sbom.GraphRefs.Add(from);
            foreach (var to in Children(dependency, "dependency"))
            {
                var target = (string?)to.Attribute("ref");
                if (target is null) sbom.Warn(path, "dependsOn entry has no ref");
                else sbom.Edges.Add((from, target));
            }
        }
    }
}
