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
        // The common cases need no warning: their paths are not formatted (a string or two per component otherwise).
        if (id is not null && name is null && IsListedId(id)) { p.AddLicenseId(id); return; }
        if (id is null && name is not null) { if (!LicenseText.IsNoAssertion(name)) p.AddLicenseName(name); return; }
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

    /// <summary>The expression to publish: the document's own, else the names (and ids) as given, joined with AND (a part
    /// with a space in parentheses). Built without allocating and taken from <paramref name="seen"/> when an earlier
    /// package had the same one (a big SBOM repeats a few license sets on thousands of packages).</summary>
    public static string? ExpressionOf(RawPackage p, ExpressionsSeen seen)
    {
        if (p.LicenseExpression is not null) return p.LicenseExpression;
        if (p.LicenseNames is not { Count: > 0 } names) return null;
        var ids = p.LicenseIds;
        if (names.Count == 1 && ids is not { Count: > 0 }) return names[0];
        if (seen.Repeats(ids, names) is { } previous) return previous;
        return seen.Remember(ids, names, Build(ids, names, seen.Expressions));
    }

    /// <summary>The expressions built for the packages of one SBOM, and the parts of the last one: packages next to each
    /// other often carry the same licenses, and comparing a few strings costs less than building and hashing the text.</summary>
    public sealed class ExpressionsSeen
    {
        public HashSet<string> Expressions { get; } = new(StringComparer.Ordinal);
        // Copies: a package's lists can grow later, when a duplicate of it is merged into them (PackageBuilder).
        private string[] lastParts = new string[4];
        private int lastCount = -1;
        private string? lastExpression;

        public string? Repeats(List<string>? ids, List<string> names)
        {
            var idCount = ids?.Count ?? 0;
            if (idCount + names.Count != lastCount) return null;
            for (var i = 0; i < lastCount; i++)
                if (!string.Equals(PartAt(ids, names, i), lastParts[i], StringComparison.Ordinal)) return null;
            return lastExpression;
        }

        public string? Remember(List<string>? ids, List<string> names, string? expression)
        {
            var count = (ids?.Count ?? 0) + names.Count;
            if (count > lastParts.Length) lastParts = new string[count];
            for (var i = 0; i < count; i++) lastParts[i] = PartAt(ids, names, i);
            (lastCount, lastExpression) = (count, expression);
            return expression;
        }
    }

    private static string? Build(List<string>? ids, List<string> names, HashSet<string> seen)
    {
        var idCount = ids?.Count ?? 0;
        var length = 0;
        for (var i = 0; i < idCount + names.Count; i++) length += PartAt(ids, names, i).Length + 7;
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        try
        {
            var written = 0;
            var parts = 0;
            string? only = null;
            for (var i = 0; i < idCount + names.Count; i++)
            {
                var part = PartAt(ids, names, i);
                if (RepeatsEarlier(ids, names, i, part)) continue;
                if (parts++ > 0) { " AND ".CopyTo(buffer.AsSpan(written)); written += 5; }
                only = part;
                var wrap = part.Contains(' ');
                if (wrap) buffer[written++] = '(';
                part.CopyTo(buffer.AsSpan(written));
                written += part.Length;
                if (wrap) buffer[written++] = ')';
            }
            if (parts == 1 && !only!.Contains(' ')) return only;
            var text = buffer.AsSpan(0, written);
            if (seen.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known)) return known;
            var expression = text.ToString();
            if (seen.Count < MaxSeenExpressions) seen.Add(expression);
            return expression;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private const int MaxSeenExpressions = 4096;

    private static string PartAt(List<string>? ids, List<string> names, int i) => ids is not null && i < ids.Count ? ids[i] : names[i - (ids?.Count ?? 0)];

    private static bool RepeatsEarlier(List<string>? ids, List<string> names, int i, string part)
    {
        for (var j = 0; j < i; j++) if (PartAt(ids, names, j) == part) return true;
        return false;
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
