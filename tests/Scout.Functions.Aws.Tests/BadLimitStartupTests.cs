using System.Diagnostics;

namespace Scout.Functions.Aws.Tests;

/// <summary>The Lambda bootstrap refuses a bad SCOUT_MAX_* limit before it polls for events: exit code 2 and one line naming the variable.</summary>
public sealed class BadLimitStartupTests
{
    [Theory]
    [InlineData("SCOUT_MAX_COMPRESSED_BYTES", "6MiB")]
    [InlineData("SCOUT_MAX_LOCAL_PURLS", "0")]
    public async Task A_bad_limit_ends_the_bootstrap_with_exit_code_2(string name, string value)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "bootstrap.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.Environment["_HANDLER"] = "HttpUpload";
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9"; // never reached: the refusal comes first
        info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        var lines = ((await stdout) + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, process.ExitCode);
        Assert.True(lines.Length == 1, string.Join('\n', lines));
        Assert.Contains($"{name}={value}", lines[0]);
    }
}
