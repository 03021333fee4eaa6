namespace Scout.Sbom;

/// <summary>Records licenses on a raw package: SPDX ids as ids, expressions kept, names kept as given.</summary>
internal static class LicenseFacts
{
    public static void AddExpression(RawPackage p, RawSbom sbom, string expression)
    {
        if (LicenseText.IsNoAssertion(expression)) return;
        var trimmed = expression.Trim();
        p.LicenseExpression = p.LicenseExpression is null ? trimmed : $"({p.LicenseExpression}) AND ({trimmed})";
        var ids = LicenseText.IdsOf(trimmed);
        if (ids is null)
        {
            sbom.Warn(p.Path, $"license expression '{Short(trimmed)}' is not a valid SPDX expression; kept as given");
            return;
        }
        foreach (var id in ids) p.AddLicenseId(id);
    }

    public static void AddLicense(RawPackage p, RawSbom sbom, string? id, string? name)
    {
        if (id is not null && name is not null) sbom.Warn(p.Path, "license has both an id and a name (the schema allows one)");
        if (id is not null)
        {
            if (LicenseText.IsIdToken(id) && !LicenseText.IsNoAssertion(id)) p.AddLicenseId(id);
            else
            {
                sbom.Warn(p.Path, $"license id '{Short(id)}' is not an SPDX license id; kept as a name");
                p.AddLicenseName(id);
            }
        }
        else if (name is not null)
        {
            if (!LicenseText.IsNoAssertion(name)) p.AddLicenseName(name);
        }
        else sbom.Warn(p.Path, "license has neither an id nor a name");
    }

    /// <summary>The expression to publish: the document's own, else the names (and ids) as given.</summary>
    public static string? ExpressionOf(RawPackage p)
    {
        if (p.LicenseExpression is not null) return p.LicenseExpression;
        if (p.LicenseNames is not { Count: > 0 }) return null;
        var all = (p.LicenseIds ?? []).Concat(p.LicenseNames).Distinct(StringComparer.Ordinal).ToList();
        return all.Count == 1 ? all[0] : string.Join(" AND ", all.Select(a => a.Contains(' ') ? $"({a})" : a));
    }

    private static string Short(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
