namespace Scout.Core.Policy;

/// <summary>
/// Decides whether an SPDX license expression can be satisfied without any of a set of licenses: an OR offers a
/// choice (one acceptable side is enough), an AND needs both sides, WITH keeps the license it qualifies.
/// "MIT OR GPL-3.0-only" passes a GPL ban, "MIT AND GPL-3.0-only" fails it.
/// </summary>
public static class LicenseExpression
{
    /// <summary>True/false; null when the text is not an SPDX expression (a free-text license name).</summary>
    public static bool? AvoidsAll(string expression, ISet<string> banned)
    {
        var tokens = Tokenize(expression);
        var position = 0;
        try
        {
            var result = ParseOr(tokens, ref position, banned);
            return position == tokens.Count ? result : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The banned ids the expression names (for the reason text).</summary>
    public static IEnumerable<string> BannedIn(string expression, ISet<string> banned) =>
        Tokenize(expression).Where(banned.Contains).Distinct(StringComparer.OrdinalIgnoreCase);

    private static bool ParseOr(List<string> t, ref int i, ISet<string> banned)
    {
        var ok = ParseAnd(t, ref i, banned);
        while (i < t.Count && t[i].Equals("OR", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            ok = ParseAnd(t, ref i, banned) | ok;
        }
        return ok;
    }

    private static bool ParseAnd(List<string> t, ref int i, ISet<string> banned)
    {
        var ok = ParseWith(t, ref i, banned);
        while (i < t.Count && t[i].Equals("AND", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            ok = ParseWith(t, ref i, banned) & ok;
        }
        return ok;
    }

    private static bool ParseWith(List<string> t, ref int i, ISet<string> banned)
    {
        var ok = ParseAtom(t, ref i, banned);
        if (i < t.Count && t[i].Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            if (i >= t.Count || !IsId(t[i])) throw new FormatException("WITH needs an exception id");
            i++; // an exception adds permissions; it does not lift the license's copyleft
        }
        return ok;
    }

    private static bool ParseAtom(List<string> t, ref int i, ISet<string> banned)
    {
        if (i >= t.Count) throw new FormatException("expression ends early");
        if (t[i] == "(")
        {
            i++;
            var ok = ParseOr(t, ref i, banned);
            if (i >= t.Count || t[i] != ")") throw new FormatException("unbalanced parenthesis");
            i++;
            return ok;
        }
        var id = t[i];
        if (!IsId(id) || id.ToUpperInvariant() is "AND" or "OR" or "WITH") throw new FormatException($"'{id}' is not a license id");
        i++;
        return !banned.Contains(id);
    }

    private static bool IsId(string token) =>
        token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or ':');

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
                if (c is '(' or ')') tokens.Add(c.ToString());
            }
            else current.Append(c);
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}
