namespace Scout.Sbom;

/// <summary>Records licenses on a raw package: SPDX ids as ids, expressions kept, names kept as given.</summary>
internal static class LicenseFacts
{
    public static void AddExpression(RawPackage p, RawSbom sbom, string expression)
    {
        if (LicenseText.IsNoAssertion(expression)) return;
        var trimmed = expression.Trim();
        p.LicenseExpression = p.LicenseExpression is null ? trimmed : $"({p.LicenseExpression}) AND ({trimmed})";
        var ids = LicenseText.IdsOf(trimmed) ?? CommaList(trimmed);
        if (ids is null)
        {
            sbom.Warn(p.Path, $"license expression '{Short(trimmed)}' is not a valid SPDX expression; kept as given");
            return;
        }
        foreach (var id in ids) p.AddLicenseId(id);
        foreach (var exception in LicenseText.ExceptionsOf(trimmed))
            if (!SpdxLicenseIds.Exceptions.Contains(exception) && !exception.StartsWith("AdditionRef-", StringComparison.Ordinal))
                sbom.Warn(p.Path, $"license expression '{Short(trimmed)}': '{Short(exception)}' after WITH is not an SPDX license exception id");
    }

    /// <summary>A CycloneDX JSON licenses[i].license entry (paths formatted only for a warning).</summary>
    public static void AddLicense(RawPackage p, RawSbom sbom, string? id, string? name, ElementPath entry)
    {
        if (id is not null && name is null && IsListedId(id)) { p.AddLicenseId(id); return; }
        var entryPath = entry + ".license";
        AddLicense(p, sbom, id, name, entryPath, entryPath + ".id");
    }

    private static bool IsListedId(string id) => LicenseText.IsIdToken(id) && !LicenseText.IsNoAssertion(id) && SpdxLicenseIds.Licenses.Contains(id.TrimEnd('+'));

    /// <summary>A CycloneDX license entry: the schema restricts id to the SPDX License List; anything else belongs in name.</summary>
    public static void AddLicense(RawPackage p, RawSbom sbom, string? id, string? name, string entryPath, string idPath)
    {
        if (id is not null && name is not null) sbom.Warn(entryPath, "license has both an id and a name (the schema allows one)");
        if (id is not null)
        {
            if (IsListedId(id)) p.AddLicenseId(id);
            else
            {
                var why = !LicenseText.IsIdToken(id) ? "not well-formed: an id is letters, digits, '.' and '-'"
                    : id.StartsWith("LicenseRef-", StringComparison.Ordinal) ? "LicenseRef- ids belong in license.name"
                    : "not on the SPDX License List";
                sbom.Warn(idPath, $"'{Short(id)}' is not an SPDX license id ({why}); kept as a name");
                p.AddLicenseName(id);
            }
        }
        else if (name is not null)
        {
            if (!LicenseText.IsNoAssertion(name)) p.AddLicenseName(name);
        }
        else sbom.Warn(entryPath, "license has neither an id nor a name");
    }

    /// <summary>The expression to publish: the document's own, else the names (and ids) as given.</summary>
    public static string? ExpressionOf(RawPackage p)
    {
        if (p.LicenseExpression is not null) return p.LicenseExpression;
        if (p.LicenseNames is not { Count: > 0 } names) return null;
        var ids = p.LicenseIds;
        if (names.Count == 1 && ids is not { Count: > 0 }) return names[0];
        var parts = new List<string>((ids?.Count ?? 0) + names.Count);
        if (ids is not null) foreach (var id in ids) if (!parts.Contains(id)) parts.Add(id);
        foreach (var name in names) if (!parts.Contains(name)) parts.Add(name);
        for (var i = 0; i < parts.Count; i++) if (parts[i].Contains(' ')) parts[i] = $"({parts[i]})";
        return parts.Count == 1 ? parts[0] : string.Join(" AND ", parts);
    }

    /// <summary>The ids an expression names as <see cref="AddExpression"/> reads them (null: not an expression).</summary>
    public static List<string>? IdsOfExpression(string expression) => LicenseText.IdsOf(expression.Trim()) ?? CommaList(expression.Trim());

    /// <summary>trivy joins licenses with ", " ("MPL-2.0, GPL-2.0"): a list of expressions, read as such.</summary>
    private static List<string>? CommaList(string text)
    {
        if (!text.Contains(',')) return null;
        var ids = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var partIds = LicenseText.IdsOf(part);
            if (partIds is null) return null;
            ids.AddRange(partIds);
        }
        return ids;
    }

    private static string Short(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
