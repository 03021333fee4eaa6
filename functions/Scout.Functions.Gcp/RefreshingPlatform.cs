using Scout.Core.Ports;
using Scout.Hosting;

namespace Scout.Functions.Gcp;

/// <summary>
/// The platform a long-lived Cloud Run instance analyzes with. Its advisory index is loaded from Firestore when the
/// platform is built, and the advisory refresh runs in another service, so an instance rebuilds the platform in the
/// background once it is older than <c>maxAge</c> (SCOUT_INDEX_MAX_AGE_MINUTES) and swaps it in when ready; requests
/// never wait for a reload, and a failed reload keeps the current platform and is retried on a later request.
/// </summary>
public sealed class RefreshingPlatform(ScoutPlatform initial, Func<CancellationToken, Task<ScoutPlatform>> rebuild, TimeSpan maxAge, IClock clock,
    Action<Exception>? onReloadFailure = null)
{
    private readonly object gate = new();
    private ScoutPlatform current = initial;
    private DateTimeOffset builtAt = clock.UtcNow;
    private Task? reloading;

    public ScoutPlatform Current
    {
        get
        {
            lock (gate)
            {
                if (reloading == null && clock.UtcNow - builtAt >= maxAge) reloading = ReloadAsync();
                return current;
            }
        }
    }

    /// <summary>The reload in progress, if any (tests await it).</summary>
    public Task Reloading { get { lock (gate) return reloading ?? Task.CompletedTask; } }

    private async Task ReloadAsync()
    {
        await Task.Yield();
        try
        {
            var next = await rebuild(CancellationToken.None);
            lock (gate) { current = next; builtAt = clock.UtcNow; }
        }
        catch (Exception e)
        {
            lock (gate) builtAt = clock.UtcNow; // wait another period before trying again
            onReloadFailure?.Invoke(e);
        }
        finally
        {
            lock (gate) reloading = null;
        }
    }
}
