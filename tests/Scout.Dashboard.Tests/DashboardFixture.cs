namespace Scout.Dashboard.Tests;

/// <summary>One site and one browser for the whole class (starting Chromium per test would dominate the run).</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public DashboardSite Site { get; } = new();
    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        Browser = new Browser();
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        await Site.DisposeAsync();
    }
}
