namespace Scout.Sbom;

/// <summary>
/// Splits SPDX license expressions into the license ids they name. Text that is not an expression
/// ("GPL v2 or later", "Apache License, Version 2.0") is a license name, not an id: callers keep it as given.
/// </summary>
internal static class LicenseText
{
    public static bool IsNoAssertion(string? text)
    {
        var t = text.AsSpan().Trim();
        return t.IsEmpty || t.Equals("NOASSERTION", StringComparison.OrdinalIgnoreCase) || t.Equals("NONE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The ids of a well-formed expression (LicenseRef-/exceptions excluded), or null when it does not parse.</summary>
    public static List<string>? IdsOf(string text)
    {
        var ids = new List<string>();
        var expectOperand = true;
        var afterWith = false;
        var open = 0;
        foreach (var token in Tokens(text))
        {
            if (token == "(")
            {
                if (!expectOperand) return null;
                open++;
                continue;
            }
            if (token == ")")
            {
                if (expectOperand || --open < 0) return null;
                continue;
            }
            var upper = token.ToUpperInvariant();
            if (upper is "AND" or "OR" or "WITH")
            {
                if (expectOperand) return null;
                expectOperand = true;
                afterWith = upper == "WITH";
                continue;
            }
            if (!expectOperand || !IsIdToken(token)) return null;
            if (!afterWith && !token.StartsWith("LicenseRef-", StringComparison.Ordinal) && !token.StartsWith("DocumentRef-", StringComparison.Ordinal))
                ids.Add(token);
            expectOperand = false;
            afterWith = false;
        }
        return expectOperand || open != 0 ? null : ids;
    }

    /// <summary>A single id-shaped token ("MIT", "GPL-2.0-or-later", "GPL-2.0+").</summary>
    public static bool IsIdToken(string token)
    {
        if (token.Length == 0 || !char.IsAsciiLetterOrDigit(token[0])) return false;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' || (c == ':' && token.StartsWith("DocumentRef-", StringComparison.Ordinal))) continue;
            if (c == '+' && i == token.Length - 1) continue;
            return false;
        }
        return true;
    }

    /// <summary>The exception ids of an expression (the operand after each WITH).</summary>
    public static IEnumerable<string> ExceptionsOf(string text)
    {
        var afterWith = false;
        foreach (var token in Tokens(text))
        {
            if (afterWith && token != "(") yield return token;
            afterWith = token.Equals("WITH", StringComparison.OrdinalIgnoreCase);
        }
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                if (start >= 0) yield return text[start..i];
                start = -1;
                if (c is '(' or ')') yield return c.ToString();
            }
            else if (start < 0) start = i;
        }
    }
}
