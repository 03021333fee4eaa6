using Scout.Core.Ports;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore.Tests;

/// <summary>
/// The database location cannot be read for a reason other than a 403/404 answer (no credentials, an unreachable API, an
/// unexpected answer): the store still refuses to start, with the same one-line refusal naming the permission.
/// </summary>
public sealed class FirestoreResidencyFailClosedTests
{
    public static TheoryData<string> Failures => ["credentials", "network", "server", "garbage"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task An_unreadable_location_refuses_to_start_with_one_line_naming_the_permission(string failure)
    {
        var options = new FirestoreOptions { ProjectId = "p", ConfiguredLocation = "us-east1", ServiceEndpoint = new Uri("https://firestore.invalid/") };
        var http = new HttpClient(new FailingHandler(failure)) { BaseAddress = options.BaseAddress };
        var client = new FirestoreRestClient(http, options, failure == "credentials" ? new NoCredentials() : new EmulatorTokenSource());
        var e = await Assert.ThrowsAsync<FirestoreResidencyException>(() => new FirestoreScoutStore(client).InitializeAsync());
        Assert.Contains("cannot read the location of Firestore database projects/p/databases/(default)", e.Message);
        Assert.Contains(FirestoreResidency.LocationPermission, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.IsAssignableFrom<InputException>(e); // hosts turn it into exit code 2
    }

    [Fact]
    public async Task A_cancelled_start_stays_cancelled()
    {
        var options = new FirestoreOptions { ProjectId = "p", ConfiguredLocation = "us-east1", ServiceEndpoint = new Uri("https://firestore.invalid/") };
        var http = new HttpClient(new FailingHandler("network")) { BaseAddress = options.BaseAddress };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new FirestoreScoutStore(new FirestoreRestClient(http, options, new EmulatorTokenSource())).InitializeAsync(cancelled.Token));
    }

    private sealed class NoCredentials : IAccessTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken ct) =>
            throw new InvalidOperationException("Your default credentials were not found.\nTo set up Application Default Credentials, see https://cloud.google.com/docs/authentication/external/set-up-adc");
    }

    private sealed class FailingHandler(string failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            return failure switch
            {
                "network" => throw new HttpRequestException("Connection refused (firestore.invalid:443)"),
                "server" => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError)
                    { Content = new StringContent("""{"error":{"code":500,"status":"INTERNAL","message":"boom"}}""") }),
                _ => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("<html>not json</html>") }),
            };
        }
    }
}
