using System.Diagnostics;

namespace Scout.Functions.Gcp.Tests;

/// <summary>The container refuses to start outside US-East or misconfigured: exit code 2 and one clear line.</summary>
public sealed class StartupRefusalTests
{
    [Theory]
    [InlineData("nam5", "SCOUT_FIRESTORE_LOCATION=nam5 is outside US-East")]
    [InlineData("us-central1", "SCOUT_FIRESTORE_LOCATION=us-central1 is outside US-East")]
    public async Task A_firestore_location_outside_us_east_ends_the_function_with_exit_code_2(string location, string expected)
    {
        var (code, stderr) = await RunFunctionAsync(new() { ["SCOUT_FIRESTORE_LOCATION"] = location, ["GOOGLE_CLOUD_PROJECT"] = "demo-test" });
        Assert.Equal(2, code);
        Assert.True(stderr.Contains(expected), stderr);
        Assert.Contains("\"severity\":\"CRITICAL\"", stderr);
    }

    [Fact]
    public async Task A_missing_project_ends_the_function_with_exit_code_2()
    {
        var (code, stderr) = await RunFunctionAsync(new() { ["SCOUT_FIRESTORE_LOCATION"] = "us-east1" });
        Assert.Equal(2, code);
        Assert.True(stderr.Contains("GOOGLE_CLOUD_PROJECT is not set"), stderr);
    }

    [Fact]
    public async Task An_unknown_function_name_ends_the_function_with_exit_code_2()
    {
        var (code, stderr) = await RunFunctionAsync(new() { ["SCOUT_FUNCTION"] = "cron", ["GOOGLE_CLOUD_PROJECT"] = "demo-test" });
        Assert.Equal(2, code);
        Assert.True(stderr.Contains("SCOUT_FUNCTION=cron"), stderr);
    }

    internal static async Task<(int Code, string Stderr)> RunFunctionAsync(Dictionary<string, string> env)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(GcpFunctionHost).Assembly.Location)!, "Scout.Functions.Gcp.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var name in new[] { "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "SCOUT_FIRESTORE_LOCATION", "SCOUT_FUNCTION" })
            info.Environment.Remove(name);
        info.Environment.Remove("PORT");
        info.Environment["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:9"; // never reached: the refusal comes first
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
