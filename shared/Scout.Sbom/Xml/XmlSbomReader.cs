using System.Xml;
using System.Xml.Linq;

namespace Scout.Sbom.Xml;

/// <summary>
/// CycloneDX XML, streamed one top-level component at a time. DTDs are refused and nothing is ever resolved
/// (no external entities, no schema fetches). Other XML SBOM dialects are refused by name.
/// </summary>
internal static class XmlSbomReader
{
    private const string CycloneDxNamespacePrefix = "http://cyclonedx.org/schema/bom/";

    public static RawSbom Read(ReadOnlyMemory<byte> document, SbomLimits limits)
    {
        try
        {
            Check(document, limits);
            return ReadCycloneDx(document, limits);
        }
        catch (XmlException e)
        {
            var dtd = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("entity", StringComparison.OrdinalIgnoreCase);
            throw new SbomFormatException("cyclonedx-xml", null, e.LineNumber > 0 ? e.LineNumber : null,
                dtd ? "DTDs and entity declarations are refused (never resolved)" : "malformed XML: " + e.Message.Split(" Line ")[0].TrimEnd('.', ' '));
        }
    }

    private static XmlReader Open(ReadOnlyMemory<byte> document, SbomLimits limits) => XmlReader.Create(
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(document, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(document.ToArray(), writable: false),
        new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = limits.MaxDocumentBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        });

    /// <summary>A first pass that only measures: depth, string lengths, the root element.</summary>
    private static void Check(ReadOnlyMemory<byte> document, SbomLimits limits)
    {
        using var reader = Open(document, limits);
        var info = (IXmlLineInfo)reader;
        var sawRoot = false;
        while (reader.Read())
        {
            if (reader.Depth > limits.MaxDepth)
                throw new SbomFormatException("cyclonedx-xml", null, info.LineNumber, "nesting is too deep", $"max depth {limits.MaxDepth}");
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && reader.Value.Length > limits.MaxStringLength)
                throw new SbomFormatException("cyclonedx-xml", null, info.LineNumber, $"text of {reader.Value.Length} characters is too long", $"max string length {limits.MaxStringLength}");
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (!sawRoot)
            {
                sawRoot = true;
                CheckRoot(reader, info);
            }
            if (reader.HasAttributes)
                while (reader.MoveToNextAttribute())
                    if (reader.Value.Length > limits.MaxStringLength)
                        throw new SbomFormatException("cyclonedx-xml", null, info.LineNumber, "attribute value is too long", $"max string length {limits.MaxStringLength}");
        }
        if (!sawRoot) throw new SbomFormatException("xml", null, null, "XML document has no root element");
    }

    private static void CheckRoot(XmlReader reader, IXmlLineInfo info)
    {
        var ns = reader.NamespaceURI;
        if (reader.LocalName == "bom" && ns.StartsWith(CycloneDxNamespacePrefix, StringComparison.Ordinal))
        {
            var version = ns[CycloneDxNamespacePrefix.Length..];
            var refusal = CycloneDxRules.CheckSpecVersion(version, out _);
            if (refusal is not null) throw new SbomFormatException("cyclonedx-xml", "/bom/@xmlns", info.LineNumber, refusal);
            return;
        }
        if (reader.LocalName == "bom")
            throw new SbomFormatException("cyclonedx-xml", "/bom/@xmlns", info.LineNumber, $"namespace '{ns}' is not a CycloneDX schema namespace ({CycloneDxNamespacePrefix}1.x)");
        if (reader.LocalName == "RDF")
            throw new SbomFormatException("spdx-rdf", null, info.LineNumber, "SPDX RDF/XML is not supported; convert it to SPDX JSON");
        if (ns.Contains("spdx", StringComparison.OrdinalIgnoreCase) || reader.LocalName.Contains("Spdx", StringComparison.OrdinalIgnoreCase) || reader.LocalName == "Document")
            throw new SbomFormatException("spdx-xml", null, info.LineNumber, "SPDX XML is not supported; convert it to SPDX JSON");
        throw new SbomFormatException("xml", null, info.LineNumber, $"XML root element <{reader.LocalName}> is not a CycloneDX <bom>");
    }

    private static RawSbom ReadCycloneDx(ReadOnlyMemory<byte> document, SbomLimits limits)
    {
        var sbom = new RawSbom { Format = "cyclonedx" };
        using var reader = Open(document, limits);
        reader.MoveToContent();
        sbom.SpecVersion = reader.NamespaceURI[CycloneDxNamespacePrefix.Length..];
        var serial = reader.GetAttribute("serialNumber");
        if (serial is not null && !CycloneDxRules.IsSerialNumber(serial)) sbom.Warn("/bom/@serialNumber", $"serialNumber '{serial}' is not a urn:uuid");
        var counter = new CycloneDxXmlElements(sbom, limits);
        if (!reader.Read()) return sbom;
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "components":
                    ReadComponents(reader, counter);
                    break;
                case "services":
                    CycloneDxXmlChecks.Services((XElement)XNode.ReadFrom(reader), "/bom/services", sbom);
                    break;
                case "citations":
                    CycloneDxXmlChecks.Citations((XElement)XNode.ReadFrom(reader), "/bom/citations", sbom);
                    break;
                case "metadata":
                case "dependencies":
                    var section = (XElement)XNode.ReadFrom(reader);
                    if (section.Name.LocalName == "metadata") counter.ReadMetadata(section);
                    else counter.ReadDependencies(section);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return sbom;
    }

    private static void ReadComponents(XmlReader reader, CycloneDxXmlElements elements)
    {
        if (reader.IsEmptyElement) { reader.Read(); return; }
        var depth = reader.Depth;
        reader.Read();
        var index = 0;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "component")
            {
                var component = (XElement)XNode.ReadFrom(reader);
                elements.ReadComponent(component, $"/bom/components/component[{++index}]", null, 0);
            }
            else if (reader.NodeType == XmlNodeType.Element) reader.Skip();
            else reader.Read();
        }
        reader.Read();
    }
}
