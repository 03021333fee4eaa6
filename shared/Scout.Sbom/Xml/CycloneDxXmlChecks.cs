using System.Xml.Linq;

namespace Scout.Sbom.Xml;

/// <summary>
/// Schema rules for the CycloneDX XML elements that carry no package facts (services, pedigree, swid, citations,
/// metadata fields): nothing here changes what is loaded, a violation only becomes a warning.
/// </summary>
internal static class CycloneDxXmlChecks
{
    private static IEnumerable<XElement> Children(XElement e, string name) => e.Elements().Where(c => c.Name.LocalName == name);

    private static IEnumerable<(XElement Item, string Path)> Indexed(XElement e, string list, string item, string path)
    {
        var i = 0;
        foreach (var child in Children(e, list).SelectMany(l => Children(l, item))) yield return (child, $"{path}/{list}/{item}[{++i}]");
    }

    private static void Enum(XElement e, string attribute, string path, HashSet<string> allowed, string what, RawSbom sbom, bool required = false)
    {
        var value = (string?)e.Attribute(attribute);
        if (value is null) { if (required) sbom.Warn(path, $"{what} is missing"); return; }
        if (!allowed.Contains(value)) sbom.Warn($"{path}/@{attribute}", $"'{value}' is not a valid {what} ({string.Join(", ", allowed)})");
    }

    public static void Component(XElement component, string path, RawSbom sbom)
    {
        foreach (var swid in Children(component, "swid"))
        {
            if (string.IsNullOrEmpty((string?)swid.Attribute("tagId"))) sbom.Warn(path + "/swid/@tagId", "swid has no tagId (required)");
            if (string.IsNullOrEmpty((string?)swid.Attribute("name"))) sbom.Warn(path + "/swid/@name", "swid has no name (required)");
        }
        foreach (var pedigree in Children(component, "pedigree"))
            foreach (var (patch, patchPath) in Indexed(pedigree, "patches", "patch", path + "/pedigree"))
            {
                Enum(patch, "type", patchPath, CycloneDxRules.PatchTypes, "patch type", sbom, required: true);
                foreach (var (issue, issuePath) in Indexed(patch, "resolves", "issue", patchPath))
                    Enum(issue, "type", issuePath, CycloneDxRules.IssueTypes, "issue type", sbom, required: true);
            }
    }

    public static void Services(XElement services, string path, RawSbom sbom)
    {
        var i = 0;
        foreach (var service in Children(services, "service"))
        {
            var servicePath = $"{path}/service[{++i}]";
            sbom.DeclareRef((string?)service.Attribute("bom-ref"), servicePath + "/@bom-ref");
            if (string.IsNullOrEmpty(Children(service, "name").FirstOrDefault()?.Value.Trim())) sbom.Warn(servicePath + "/name", "service has no name (required)");
            var c = 0;
            foreach (var classification in Children(service, "data").SelectMany(d => d.Elements()).SelectMany(d => d.Name.LocalName == "classification" ? [d] : Children(d, "classification")))
                Enum(classification, "flow", $"{servicePath}/data/classification[{++c}]", CycloneDxRules.DataFlows, "data flow direction", sbom, required: true);
            foreach (var nested in Children(service, "services")) Services(nested, servicePath + "/services", sbom);
        }
    }

    public static void Citations(XElement citations, string path, RawSbom sbom)
    {
        var i = 0;
        foreach (var citation in Children(citations, "citation"))
        {
            var citationPath = $"{path}/citation[{++i}]";
            sbom.DeclareRef((string?)citation.Attribute("bom-ref"), citationPath + "/@bom-ref");
            var attributedTo = Children(citation, "attributedTo").Count();
            var process = Children(citation, "process").Count();
            if (attributedTo == 0 && process == 0) sbom.Warn(citationPath, "citation has neither attributedTo nor process (one is required)");
            if (attributedTo > 1) sbom.Warn(citationPath + "/attributedTo", "citation has more than one attributedTo");
            if (process > 1) sbom.Warn(citationPath + "/process", "citation has more than one process");
            var pointers = Children(citation, "pointers").Any();
            var expressions = Children(citation, "expressions").Any();
            if (pointers && expressions) sbom.Warn(citationPath, "citation has both pointers and expressions (the schema allows one)");
            var timestamp = Children(citation, "timestamp").FirstOrDefault()?.Value.Trim();
            if (timestamp is null) sbom.Warn(citationPath + "/timestamp", "citation has no timestamp (required)");
            else if (!CycloneDxRules.IsTimestamp(timestamp)) sbom.Warn(citationPath + "/timestamp", $"timestamp '{timestamp}' is not an RFC 3339 date-time");
        }
    }

    public static void Metadata(XElement metadata, RawSbom sbom)
    {
        foreach (var field in metadata.Elements())
        {
            var name = field.Name.LocalName;
            if (!CycloneDxRules.MetadataFields.Contains(name)) sbom.Warn("/bom/metadata/" + name, CycloneDxRules.UnknownMetadataField(name));
        }
        foreach (var constraints in Children(metadata, "distributionConstraints"))
        {
            var tlp = Children(constraints, "tlp").FirstOrDefault()?.Value.Trim();
            if (tlp is not null && !CycloneDxRules.TlpLevels.Contains(tlp))
                sbom.Warn("/bom/metadata/distributionConstraints/tlp", $"'{tlp}' is not a valid TLP level ({string.Join(", ", CycloneDxRules.TlpLevels)})");
        }
    }
}
