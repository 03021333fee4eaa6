namespace Scout.Functions.Gcp.Tests;

/// <summary>The Cloud Run container refuses a bad SCOUT_MAX_* limit before anything is served: exit code 2 and one line naming the variable.</summary>
public sealed class BadLimitStartupTests
{
    [Theory]
    [InlineData("SCOUT_MAX_DECOMPRESSED_BYTES", "-1")]
    [InlineData("SCOUT_MAX_VEX_DOCUMENTS", "many")]
    public async Task A_bad_limit_ends_the_function_with_exit_code_2(string name, string value)
    {
        var (code, stderr) = await StartupRefusalTests.RunFunctionAsync(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "demo-test", ["SCOUT_FIRESTORE_LOCATION"] = "us-east1", [name] = value,
        });
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains($"{name}={value}", lines[0]);
        Assert.Contains("\"severity\":\"CRITICAL\"", lines[0]);
    }
}
