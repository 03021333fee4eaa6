using System.Text;
using Scout.Sbom.Spdx;

namespace Scout.Sbom.TagValue;

/// <summary>
/// SPDX 2.x tag-value: "Tag: value" lines, multi-line values inside &lt;text&gt;...&lt;/text&gt;. Files listed after a
/// package belong to it; SPDXID lines name the package, file or document they follow.
/// </summary>
internal static class SpdxTagValueReader
{
    private enum Context { Document, Package, File, Other }

    public static RawSbom Read(ReadOnlyMemory<byte> document, SbomLimits limits)
    {
        var sbom = new RawSbom { Format = "spdx" };
        var doc = new SpdxDocumentBuilder(sbom);
        var text = Encoding.UTF8.GetString(document.Span);
        var context = Context.Document;
        RawPackage? package = null;
        string? fileName = null, fileId = null;
        string? declared = null, concluded = null, summary = null;
        var lineNo = 0;
        var componentCount = 0;

        void EndFile()
        {
            if (fileName is not null && fileId is not null)
            {
                doc.FileNames[fileId] = fileName;
                if (package?.Ref is not null)
                {
                    if (!doc.HasFiles.TryGetValue(package.Ref, out var files)) doc.HasFiles[package.Ref] = files = [];
                    files.Add(fileId);
                }
            }
            fileName = fileId = null;
        }

        void EndPackage()
        {
            EndFile();
            if (package is null) return;
            package.Description ??= summary;
            var license = LicenseText.IsNoAssertion(declared) ? concluded : declared;
            if (!LicenseText.IsNoAssertion(license)) LicenseFacts.AddExpression(package, sbom, license!);
            if (string.IsNullOrEmpty(package.Name)) sbom.Warn(package.Path, "package has no name");
            if (package.Ref is null) sbom.Warn(package.Path, "package has no SPDXID");
            doc.AddPackage(package);
            package = null;
            declared = concluded = summary = null;
        }

        using var lines = new StringReader(text);
        while (lines.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) { sbom.Warn($"line {lineNo}", "line is not 'Tag: value'; ignored"); continue; }
            var tag = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            var startLine = lineNo;
            if (value.StartsWith("<text>", StringComparison.Ordinal))
            {
                var sb = new StringBuilder(value[6..]);
                var closed = value.Contains("</text>", StringComparison.Ordinal);
                while (!closed)
                {
                    var next = lines.ReadLine();
                    if (next is null) throw new SbomFormatException("spdx-tag-value", tag, startLine, "<text> is never closed with </text>");
                    lineNo++;
                    sb.Append('\n').Append(next);
                    closed = next.Contains("</text>", StringComparison.Ordinal);
                    if (sb.Length > limits.MaxStringLength)
                        throw new SbomFormatException("spdx-tag-value", tag, startLine, "text value is too long", $"max string length {limits.MaxStringLength}");
                }
                var all = sb.ToString();
                value = all[..all.IndexOf("</text>", StringComparison.Ordinal)].Trim();
            }
            if (value.Length > limits.MaxStringLength)
                throw new SbomFormatException("spdx-tag-value", tag, startLine, "value is too long", $"max string length {limits.MaxStringLength}");

            switch (tag)
            {
                case "SPDXVersion":
                    var refusal = SpdxDocumentBuilder.CheckSpecVersion(value, sbom);
                    if (refusal is not null) throw new SbomFormatException("spdx-tag-value", "SPDXVersion", startLine, refusal);
                    sbom.SpecVersion = value;
                    break;
                case "DocumentName": doc.DocumentName = value; break;
                case "PackageName":
                    EndPackage();
                    if (++componentCount > limits.MaxComponents)
                        throw new SbomFormatException("spdx-tag-value", "PackageName", startLine, $"more than {limits.MaxComponents} packages", $"max components {limits.MaxComponents}");
                    package = new RawPackage { Path = $"line {startLine}", Name = value };
                    context = Context.Package;
                    break;
                case "FileName":
                    EndFile();
                    fileName = value;
                    context = Context.File;
                    break;
                case "SnippetSPDXID" or "LicenseID" or "ExternalDocumentRef":
                    EndFile();
                    context = Context.Other;
                    break;
                case "SPDXID":
                    if (context == Context.Document) doc.DocumentId = value;
                    else if (context == Context.Package && package is not null) package.Ref ??= value;
                    else if (context == Context.File) fileId = value;
                    break;
                case "Relationship":
                    var parts = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 3) sbom.Warn($"line {startLine}", "Relationship needs 'element TYPE element'");
                    else doc.Relationships.Add((parts[0], parts[1], parts[2], $"line {startLine}"));
                    break;
                default:
                    if (context == Context.Package && package is not null)
                        ApplyPackageTag(doc, package, tag, value, ref declared, ref concluded, ref summary);
                    break;
            }
        }
        EndPackage();
        if (sbom.SpecVersion is null) _ = SpdxDocumentBuilder.CheckSpecVersion(null, sbom);
        doc.Finish();
        return sbom;
    }

    private static void ApplyPackageTag(SpdxDocumentBuilder doc, RawPackage p, string tag, string value,
        ref string? declared, ref string? concluded, ref string? summary)
    {
        switch (tag)
        {
            case "PackageVersion": p.Version = value.Length == 0 || value == "NOASSERTION" ? null : value; break;
            case "PackageSupplier": doc.SetSupplierOrOriginator(p, value, false); break;
            case "PackageOriginator": doc.SetSupplierOrOriginator(p, value, true); break;
            case "PackageDescription": p.Description = value; break;
            case "PackageSummary": summary = value; break;
            case "PackageLicenseDeclared": declared = value; break;
            case "PackageLicenseConcluded": concluded = value; break;
            case "PackageSourceInfo": SpdxDocumentBuilder.SetSourceInfo(p, value); break;
            case "PrimaryPackagePurpose": p.Kind = value; doc.Spdx23Fields.Add("PrimaryPackagePurpose"); break;
            case "ExternalRef":
                var parts = value.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 3) Json.SpdxJsonReader.SetPurl(doc.Sbom, p, parts[1], parts[2]);
                break;
        }
    }
}
