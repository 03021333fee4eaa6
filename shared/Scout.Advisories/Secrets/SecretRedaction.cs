namespace Scout.Advisories.Secrets;

/// <summary>
/// The one form a redacted value takes, "[REDACTED:rule]" with a rule this scanner has. Only a value that is exactly
/// that form is left alone: "[REDACTED:x] hunter2" or "[REDACTED:anything-else]…" is scanned like any other value.
/// </summary>
public static class SecretRedaction
{
    private static readonly HashSet<string> ruleIds = new(StringComparer.Ordinal)
    {
        GenericSecretRule.Id, GenericSecretRule.PasswordId, EmbeddedSecretRule.Id,
    };

    static SecretRedaction()
    {
        foreach (var r in SecretRules.All) ruleIds.Add(r.Id);
    }

    public static string Of(string rule) => $"[REDACTED:{rule}]";

    public static bool IsRedactionForm(string value) =>
        value.StartsWith("[REDACTED:", StringComparison.Ordinal) && value.EndsWith(']') && ruleIds.Contains(value[10..^1]);
}
