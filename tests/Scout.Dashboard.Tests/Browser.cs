using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Scout.Dashboard.Tests;

/// <summary>
/// Debian's headless Chromium driven through Debian's chromedriver (scripts/tools/browser.sh installs both; nothing is
/// downloaded at run time). Collects the browser console so a test fails on any error or failed request.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium", DriverPath = "/usr/bin/chromedriver";

    public ChromeDriver Driver { get; }
    public string ScreenshotDirectory { get; }

    public Browser()
    {
        foreach (var path in new[] { ChromiumPath, DriverPath })
            if (!File.Exists(path))
                throw new InvalidOperationException($"{path} is missing: the dashboard's browser tests need Debian's chromium and chromium-driver (bash scripts/tools/browser.sh install)");
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true"); // Selenium Manager must never fetch a browser or driver
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public void Width(int width) => Driver.Manage().Window.Size = new Size(width, width < 600 ? 844 : 900);

    public WebDriverWait Wait(int seconds = 30) => new(Driver, TimeSpan.FromSeconds(seconds));

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Navigates within the dashboard and waits until the page has rendered from the API.</summary>
    public void Open(string baseUrl, string hash)
    {
        MarkStale();
        var target = $"{baseUrl}/{hash}";
        // The same hash again changes nothing in the page: reload it instead (the key stays in sessionStorage).
        if (Driver.Url == target) Driver.Navigate().Refresh();
        else Driver.Navigate().GoToUrl(target);
        WaitReady();
    }

    /// <summary>Marks the current view, so <see cref="WaitReady"/> waits for the next one.</summary>
    public void MarkStale() =>
        Driver.ExecuteScript("document.querySelectorAll('#page .view').forEach(v => v.dataset.stale = '1')");

    /// <summary>Waits for a view rendered after the last <see cref="MarkStale"/>.</summary>
    public IWebElement WaitReady() =>
        Wait().Until(d => d.FindElements(By.CssSelector("#page .view[data-ready]:not([data-stale])")).FirstOrDefault());

    /// <summary>Console entries of level SEVERE (script errors, CSP violations, failed requests) since the last call.</summary>
    public IReadOnlyList<string> TakeConsoleErrors() =>
        [.. Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message)];

    /// <summary>
    /// Elements whose right edge lies past the page's visible width (documentElement.clientWidth: the window without its
    /// scrollbar), outside any box that scrolls or clips sideways: what a reader would see cut off. As "tag#id.class right".
    /// </summary>
    public IReadOnlyList<string> ElementsBeyondRightEdge() =>
        [.. ((IReadOnlyCollection<object>?)Driver.ExecuteScript("""
            const width = document.documentElement.clientWidth;
            const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
              if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
            return [...document.body.querySelectorAll('*')].filter(e => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && r.right > width + 0.5 && e.checkVisibility() && !clipped(e);
            }).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(e.getBoundingClientRect().right)} (page ${width})`);
            """) ?? []).Cast<string>()];

    public string Screenshot(string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        // The whole page, not just the window: Chromium's own capture beyond the viewport (DevTools Page.captureScreenshot).
        // Capturing beyond the viewport lays the page out at its full height, without the vertical scrollbar: the page is
        // then as wide as the window (innerWidth), and a clip at the narrower clientWidth would cut off its right edge.
        var width = Convert.ToInt64(Driver.ExecuteScript("return window.innerWidth"));
        var height = Math.Min(8000, Convert.ToInt64(Driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight)")));
        var shot = (Dictionary<string, object?>?)Driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png", ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object?> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        });
        var data = shot?["data"] as string ?? throw new InvalidOperationException("Chromium returned no screenshot data");
        File.WriteAllBytes(path, Convert.FromBase64String(data));
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
