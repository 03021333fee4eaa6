using System.Net;
using System.Text;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Servers;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Storage.Firestore.Tests;

/// <summary>
/// A commit that succeeds on the server but whose response is lost is retried by the client and then meets its own
/// write (ALREADY_EXISTS / FAILED_PRECONDITION). The store must recognize its own generation, not discard it.
/// </summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class LostResponseTests(FirestoreEmulatorFixture emulator)
{
    [Fact]
    public async Task A_create_whose_response_was_lost_is_still_reported_created_with_its_document()
    {
        var (store, handler) = Create("\"exists\":false");
        var tenant = NewTenantId();
        var document = new byte[2 * 1024 * 1024 + 5]; // several commits: the upload document goes last
        new Random(3).NextBytes(document);
        var (_, created) = await store.CreateUploadAsync(Upload(tenant, "lost", NewDigest()), document);
        Assert.Equal(1, handler.Lost);
        Assert.True(created);
        Assert.Equal(document, await store.GetUploadDocumentAsync(tenant, "lost"));
    }

    [Fact]
    public async Task A_switch_whose_response_was_lost_keeps_the_new_generation()
    {
        var (store, handler) = Create("\"revision\"");
        var tenant = NewTenantId();
        var digest = NewDigest();
        await store.SaveAnalysisAsync(Analysis(tenant, digest, packages: 7));
        Assert.Equal(1, handler.Lost);
        Assert.Equal(7, (await store.GetPackagesAsync(tenant, digest)).Count);
        Assert.Equal(1, (await store.GetImageAsync(tenant, digest))!.Revision);
    }

    private (FirestoreScoutStore, LoseOneResponse) Create(string marker)
    {
        var options = FirestoreTestStores.Options(emulator);
        var handler = new LoseOneResponse(marker) { InnerHandler = new HttpClientHandler() };
        var client = new FirestoreRestClient(new HttpClient(handler) { BaseAddress = options.BaseAddress }, options, new EmulatorTokenSource());
        return (new FirestoreScoutStore(client), handler);
    }

    /// <summary>Forwards the first commit whose body contains the marker, then answers 503 UNAVAILABLE as if the response was lost.</summary>
    private sealed class LoseOneResponse(string marker) : DelegatingHandler
    {
        public int Lost;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(ct);
            var response = await base.SendAsync(request, ct);
            if (Lost == 0 && request.RequestUri!.AbsolutePath.EndsWith(":commit", StringComparison.Ordinal) && body.Contains(marker, StringComparison.Ordinal)
                && response.IsSuccessStatusCode)
            {
                Lost++;
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                {
                    Content = new StringContent("""{"error":{"code":503,"status":"UNAVAILABLE","message":"connection reset"}}""", Encoding.UTF8, "application/json"),
                };
            }
            return response;
        }
    }
}
