using Google.Apis.Auth.OAuth2;

namespace Scout.Storage.Firestore.Rest;

/// <summary>Bearer tokens for Firestore: application default credentials, or the emulator's "owner".</summary>
public interface IAccessTokenSource
{
    Task<string> GetTokenAsync(CancellationToken ct);
}

public sealed class EmulatorTokenSource : IAccessTokenSource
{
    // The emulator treats "owner" as an admin token that bypasses security rules, like the server libraries.
    public Task<string> GetTokenAsync(CancellationToken ct) => Task.FromResult("owner");
}

public sealed class ApplicationDefaultTokenSource : IAccessTokenSource
{
    private const string DatastoreScope = "https://www.googleapis.com/auth/datastore";
    private readonly SemaphoreSlim gate = new(1, 1);
    private ITokenAccess? credential;

    public async Task<string> GetTokenAsync(CancellationToken ct)
    {
        if (credential == null)
        {
            await gate.WaitAsync(ct);
            try
            {
                credential ??= (await GoogleCredential.GetApplicationDefaultAsync(ct)).CreateScoped(DatastoreScope);
            }
            finally { gate.Release(); }
        }
        return await credential.GetAccessTokenForRequestAsync(cancellationToken: ct);
    }
}
