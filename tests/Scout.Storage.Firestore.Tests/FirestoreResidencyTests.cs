using System.Net;
using System.Text;
using Scout.Core.Ports;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Servers;

namespace Scout.Storage.Firestore.Tests;

/// <summary>DESIGN.md section 6: the store refuses to start outside us-east1/us-east4/us-east5.</summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreResidencyTests(FirestoreEmulatorFixture emulator)
{
    [Theory]
    [InlineData("us-east1")]
    [InlineData("us-east4")]
    [InlineData("US-EAST5")]
    public async Task Us_east_locations_start(string location)
    {
        var store = FirestoreTestStores.Create(emulator, location);
        await store.InitializeAsync();
        Assert.Equal(location.ToLowerInvariant(), store.Location);
    }

    [Theory]
    [InlineData("nam5")]
    [InlineData("us-central1")]
    [InlineData("europe-west3")]
    [InlineData("us-east")]
    public async Task Other_locations_are_refused_at_startup(string location)
    {
        var store = FirestoreTestStores.Create(emulator, location);
        var e = await Assert.ThrowsAsync<FirestoreResidencyException>(() => store.InitializeAsync());
        Assert.Contains(location, e.Message);
        Assert.IsAssignableFrom<InputException>(e); // hosts turn it into exit code 2
    }

    [Fact]
    public async Task The_emulator_without_a_configured_location_is_refused()
    {
        var e = await Assert.ThrowsAsync<FirestoreResidencyException>(() => FirestoreTestStores.Create(emulator, location: null).InitializeAsync());
        Assert.Contains("SCOUT_FIRESTORE_LOCATION", e.Message);
    }

    [Theory]
    [InlineData("nam5", "us-east1")]
    [InlineData("us-central1", null)]
    [InlineData("us-east4", "us-east1")]
    public async Task The_database_location_from_the_admin_api_is_checked(string actual, string? configured)
    {
        var client = AdminStub(HttpStatusCode.OK, $$"""{"name":"projects/p/databases/(default)","locationId":"{{actual}}","type":"FIRESTORE_NATIVE"}""", configured);
        var e = await Assert.ThrowsAsync<FirestoreResidencyException>(() => new FirestoreScoutStore(client).InitializeAsync());
        Assert.Contains(actual, e.Message);
    }

    [Fact]
    public async Task A_us_east_database_that_matches_the_configuration_starts()
    {
        var store = new FirestoreScoutStore(AdminStub(HttpStatusCode.OK, """{"locationId":"us-east5"}""", "us-east5"));
        await store.InitializeAsync();
        Assert.Equal("us-east5", store.Location);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "us-east1")]
    [InlineData(HttpStatusCode.Forbidden, null)]
    [InlineData(HttpStatusCode.NotFound, "us-east4")]
    public async Task An_unreadable_database_location_refuses_to_start_naming_the_permission(HttpStatusCode status, string? configured)
    {
        // Fails closed: a configured us-east location is not taken on trust when the database cannot be asked.
        var e = await Assert.ThrowsAsync<FirestoreResidencyException>(() =>
            new FirestoreScoutStore(AdminStub(status, """{"error":{"status":"PERMISSION_DENIED"}}""", configured)).InitializeAsync());
        Assert.Contains(FirestoreResidency.LocationPermission, e.Message);
        Assert.Contains($"HTTP {(int)status}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_database_answer_without_a_location_refuses_to_start()
    {
        var e = await Assert.ThrowsAsync<FirestoreResidencyException>(() =>
            new FirestoreScoutStore(AdminStub(HttpStatusCode.OK, """{"name":"projects/p/databases/(default)"}""", "us-east1")).InitializeAsync());
        Assert.Contains(FirestoreResidency.LocationPermission, e.Message);
    }

    [Fact]
    public void Options_come_from_the_standard_variables()
    {
        var env = new Dictionary<string, string?> { ["GOOGLE_CLOUD_PROJECT"] = "proj", ["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:9", ["SCOUT_FIRESTORE_LOCATION"] = "us-east1" };
        var options = FirestoreOptions.FromEnvironment(k => env.GetValueOrDefault(k));
        Assert.Equal("projects/proj/databases/(default)/documents", options.DocumentsRoot);
        Assert.True(options.UsesEmulator);
        Assert.Equal("us-east1", options.ConfiguredLocation);
        Assert.Throws<FirestoreConfigurationException>(() => FirestoreOptions.FromEnvironment(_ => null));
    }

    /// <summary>A stand-in for the Firestore Admin API's GET projects/{p}/databases/(default) (the real one needs a cloud project).</summary>
    private static FirestoreRestClient AdminStub(HttpStatusCode status, string body, string? configured)
    {
        var options = new FirestoreOptions { ProjectId = "p", ConfiguredLocation = configured, ServiceEndpoint = new Uri("https://firestore.invalid/") };
        var http = new HttpClient(new StubHandler(status, body)) { BaseAddress = options.BaseAddress };
        return new FirestoreRestClient(http, options, new EmulatorTokenSource());
    }

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Assert.Equal(HttpMethod.Get, request.Method);
            Assert.Equal("/v1/projects/p/databases/%28default%29", request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
