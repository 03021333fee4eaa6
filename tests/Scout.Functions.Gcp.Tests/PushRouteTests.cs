using System.Net;
using System.Text;
using Google.Apis.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using Scout.Testing.Delivery;

namespace Scout.Functions.Gcp.Tests;

/// <summary>The Cloud Run host maps only the event routes it is configured for, and checks push tokens when told to.</summary>
public sealed class PushRouteTests : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-push-").FullName;
    private WebApplication? app;

    public async ValueTask DisposeAsync()
    {
        if (app != null) await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Accepts "good-token" as issued to push@example.iam; anything else is an invalid token.</summary>
    private sealed class FakeValidator : IPushTokenValidator
    {
        public Task<string?> ValidateAsync(string token, string audience) => token switch
        {
            "good-token" when audience == "scout-queue-push" => Task.FromResult<string?>("push@example.iam"),
            "other-account" => Task.FromResult<string?>("someone@example.iam"),
            _ => throw new InvalidJwtException("JWT signature or audience is wrong"),
        };
    }

    private async Task<HttpClient> StartAsync(GcpFunctionSettings settings)
    {
        var store = new SqliteScoutStore(directory);
        await store.InitializeAsync();
        var platform = ScoutPlatform.Create(store, new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance),
            UploadCorpus.Components(), new ScoutOptions());
        app = GcpFunctionHost.Build(platform, settings, b => b.WebHost.UseUrls("http://127.0.0.1:0"), new FakeValidator());
        await app.StartAsync();
        return new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    private static Task<HttpResponseMessage> PushAsync(HttpClient http, string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (token != null) request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }

    [Fact]
    public async Task The_default_function_set_exposes_no_event_route()
    {
        using var http = await StartAsync(new GcpFunctionSettings());
        foreach (var route in new[] { GcpFunctionHost.PubSubRoute, GcpFunctionHost.DeadLetterRoute, GcpFunctionHost.RefreshRoute })
            Assert.Equal(HttpStatusCode.NotFound, (await PushAsync(http, route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_queue_function_takes_dead_letters_only_when_configured()
    {
        using var plain = await StartAsync(new GcpFunctionSettings { Function = GcpFunctionSettings.Queue });
        Assert.Equal(HttpStatusCode.NotFound, (await PushAsync(plain, GcpFunctionHost.DeadLetterRoute)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PushAsync(plain, GcpFunctionHost.PubSubRoute)).StatusCode); // mapped: the body is no delivery
        await app!.DisposeAsync();
        app = null;

        using var configured = await StartAsync(new GcpFunctionSettings
        {
            Function = GcpFunctionSettings.Queue, EventRoutes = new HashSet<string> { GcpFunctionSettings.DeadLetterEvents },
        });
        Assert.Equal(HttpStatusCode.OK, (await PushAsync(configured, GcpFunctionHost.DeadLetterRoute)).StatusCode); // an unreadable dead letter is kept by the keeping subscription
    }

    [Fact]
    public async Task With_an_audience_configured_a_push_needs_a_valid_token_from_the_push_service_account()
    {
        using var http = await StartAsync(new GcpFunctionSettings
        {
            Function = GcpFunctionSettings.Queue, EventRoutes = new HashSet<string> { GcpFunctionSettings.DeadLetterEvents },
            PushAudience = "scout-queue-push", PushServiceAccount = "push@example.iam",
        });
        foreach (var route in new[] { "/", GcpFunctionHost.PubSubRoute, GcpFunctionHost.DeadLetterRoute })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync(http, route)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PushAsync(http, route, "forged")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PushAsync(http, route, "other-account")).StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, (await PushAsync(http, route, "good-token")).StatusCode);
        }
    }

    [Theory]
    [InlineData("SCOUT_EVENT_ROUTES", "pubsub,cron", "unknown route 'cron'")]
    [InlineData("SCOUT_PUSH_SERVICE_ACCOUNT", "push@example.iam", "without SCOUT_PUSH_AUDIENCE")]
    public void Misconfigured_push_settings_are_refused(string name, string value, string expected)
    {
        var e = Assert.Throws<InputException>(() => GcpFunctionSettings.FromEnvironment(n => n == name ? value : null));
        Assert.Contains(expected, e.Message);
    }
}
