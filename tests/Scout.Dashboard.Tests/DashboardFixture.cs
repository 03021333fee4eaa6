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

    /// <summary>Opens the dashboard at 1280 px and signs in with the site's key, unless a session is still signed in.</summary>
    public void SignIn()
    {
        Browser.Width(1280);
        Browser.Driver.Navigate().GoToUrl(Site.BaseUrl + "/#/");
        Browser.Wait().Until(d => d.FindElement(OpenQA.Selenium.By.Id("sign-in")).Displayed || d.FindElements(OpenQA.Selenium.By.CssSelector("#page .view[data-ready]")).Count > 0);
        if (!Browser.Find("#sign-in").Displayed) return;
        Browser.MarkStale();
        Browser.Find("input[name=apiKey]").SendKeys(Site.ApiKey);
        Browser.Find("#sign-in-form button[type=submit]").Click();
        Browser.WaitReady();
    }

    /// <summary>What every browser test ends with: no script error, CSP violation or failed request in the console.</summary>
    public void AssertCleanConsole()
    {
        var errors = Browser.TakeConsoleErrors();
        Assert.True(errors.Count == 0, "browser console errors:\n" + string.Join("\n", errors));
    }
}
