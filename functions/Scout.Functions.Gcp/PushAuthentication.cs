using Google.Apis.Auth;
using Microsoft.AspNetCore.Http;

namespace Scout.Functions.Gcp;

/// <summary>Checks the OIDC token a Pub/Sub push subscription attaches (Authorization: Bearer), Google-signed.</summary>
public interface IPushTokenValidator
{
    /// <summary>Returns the token's verified email, or throws <see cref="InvalidJwtException"/> for a token that is not valid for the audience.</summary>
    Task<string?> ValidateAsync(string token, string audience);
}

/// <summary>Google's signature, expiry and audience check (Google.Apis.Auth); the email is returned only when Google verified it.</summary>
public sealed class GoogleTokenValidator : IPushTokenValidator
{
    public async Task<string?> ValidateAsync(string token, string audience)
    {
        var payload = await GoogleJsonWebSignature.ValidateAsync(token, new GoogleJsonWebSignature.ValidationSettings { Audience = [audience] });
        return payload.EmailVerified ? payload.Email : null;
    }
}

/// <summary>
/// The push routes' gate: when an expected audience is configured (SCOUT_PUSH_AUDIENCE), a push must carry a Google-signed
/// OIDC token for it, and, when a service account is configured too (SCOUT_PUSH_SERVICE_ACCOUNT), one issued to that
/// account. Unconfigured (local runs, the emulator), pushes are taken as they come: Cloud Run's own IAM check
/// (--no-allow-unauthenticated) is then the only gate, which is what infra/gcp deploys.
/// </summary>
public sealed class PushAuthentication(string? audience, string? serviceAccount, IPushTokenValidator validator)
{
    public bool Enabled => audience != null;

    /// <summary>Null when the request may pass; otherwise the status and reason to answer with.</summary>
    public async Task<(int Status, string Reason)?> RejectAsync(HttpRequest request)
    {
        if (audience is null) return null;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (401, "push request without an OIDC bearer token");
        string? email;
        try { email = await validator.ValidateAsync(header["Bearer ".Length..].Trim(), audience); }
        catch (InvalidJwtException e) { return (403, $"push token refused: {e.Message}"); }
        if (serviceAccount != null && !string.Equals(email, serviceAccount, StringComparison.OrdinalIgnoreCase))
            return (403, $"push token was issued to {email ?? "an unverified account"}, not the configured push service account");
        return null;
    }
}
