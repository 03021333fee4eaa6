using System.Text;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>An image comparison as GitHub-flavoured markdown, ready to paste in a pull request.</summary>
public static class ComparisonMarkdown
{
    public static string Render(ImageComparisonView view, string beforeName, string afterName)
    {
        var md = new StringBuilder();
        md.Append("## Image comparison\n\n");
        md.Append($"**before:** `{beforeName}`  \n**after:** `{afterName}`\n\n");
        md.Append("| | before | after | change |\n|---|---:|---:|---:|\n");
        foreach (var bucket in Severities.Ordered.Append(FindingCounts.Indeterminate).Append(FindingCounts.Suppressed))
        {
            var b = view.FindingCounts.Before.GetValueOrDefault(bucket);
            var a = view.FindingCounts.After.GetValueOrDefault(bucket);
            md.Append($"| {bucket} | {b} | {a} | {Delta(a - b)} |\n");
        }
        md.Append($"| base image | {BaseName(view.BaseImage.Before)} | {BaseName(view.BaseImage.After)} | |\n\n");

        md.Append("### Vulnerabilities\n\n");
        md.Append($"- fixed ({view.Findings.Fixed.Count}): {IdList(view.Findings.Fixed)}\n");
        md.Append($"- new ({view.Findings.New.Count}): {IdList(view.Findings.New)}\n");
        md.Append($"- unchanged: {view.Findings.Unchanged.Count}\n\n");

        md.Append("### Packages\n\n");
        var p = view.Packages;
        md.Append($"{p.Added.Count} added, {p.Removed.Count} removed, {p.Upgraded.Count} upgraded, {p.Downgraded.Count} downgraded");
        if (p.Indeterminate.Count > 0) md.Append($", {p.Indeterminate.Count} changed without a known version order");
        md.Append("\n\n");
        Changes(md, "Upgraded", p.Upgraded);
        Changes(md, "Downgraded", p.Downgraded);
        Changes(md, "Version order unknown", p.Indeterminate);
        Purls(md, "Added", p.Added);
        Purls(md, "Removed", p.Removed);
        foreach (var w in view.Warnings) md.Append($"> note: {Cell(w)}\n");
        return md.ToString();
    }

    private static void Changes(StringBuilder md, string title, IReadOnlyList<VersionChange> changes)
    {
        if (changes.Count == 0) return;
        md.Append($"<details><summary>{title} ({changes.Count})</summary>\n\n| package | from | to |\n|---|---|---|\n");
        foreach (var c in changes)
        {
            var (name, from) = Split(c.From);
            md.Append($"| `{Cell(name)}` | {Cell(from)} | {Cell(Split(c.To).Version)} |\n");
        }
        md.Append("\n</details>\n\n");
    }

    private static void Purls(StringBuilder md, string title, IReadOnlyList<string> purls)
    {
        if (purls.Count == 0) return;
        md.Append($"<details><summary>{title} ({purls.Count})</summary>\n\n");
        foreach (var purl in purls) md.Append($"- `{Cell(purl)}`\n");
        md.Append("\n</details>\n\n");
    }

    /// <summary>"pkg:deb/debian/openssl@3.0.2?arch=amd64" -> ("pkg:deb/debian/openssl", "3.0.2").</summary>
    public static (string Name, string Version) Split(string purl)
    {
        var end = purl.IndexOfAny(['?', '#']);
        var core = end < 0 ? purl : purl[..end];
        var at = core.LastIndexOf('@');
        return at < 0 ? (core, "") : (core[..at], Uri.UnescapeDataString(core[(at + 1)..]));
    }

    private static string IdList(IReadOnlyList<string> ids) =>
        ids.Count == 0 ? "none" : string.Join(", ", ids.Take(50).Select(id => $"`{id}`")) + (ids.Count > 50 ? $" and {ids.Count - 50} more" : "");

    private static string BaseName(BaseImageRef? b) =>
        b is null ? "—" : Cell($"{b.Repository ?? "?"}{(b.Tag is null ? "" : ":" + b.Tag)}@{Short(b.Digest)}");

    public static string Short(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 ? digest[..19] : digest;

    private static string Delta(int d) => d == 0 ? "0" : d > 0 ? $"+{d}" : d.ToString();

    /// <summary>Pipes and line breaks would break the table.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
