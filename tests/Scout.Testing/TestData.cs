namespace Scout.Testing;

/// <summary>
/// Locates the read-only public test data beside the repository (../shared/testdata), or where
/// SCOUT_TESTDATA points. A test that needs it and cannot find it fails saying so; it never passes silently.
/// </summary>
public static class TestData
{
    public const string EnvironmentVariable = "SCOUT_TESTDATA";

    private static readonly Lazy<string> root = new(Locate);

    public static string Root => root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Scout.Serverless.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Scout.Serverless.sln) above " + AppContext.BaseDirectory);
        }
    }

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            if (Directory.Exists(fromEnv)) return System.IO.Path.GetFullPath(fromEnv);
            throw new InvalidOperationException($"{EnvironmentVariable}={fromEnv} does not exist: the public test data is needed by this test");
        }
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "testdata"));
        if (Directory.Exists(candidate)) return candidate;
        throw new InvalidOperationException(
            $"test data not found at {candidate}; set {EnvironmentVariable} to the folder holding purl/, osv/, sbom/, versions/ (../shared/testdata beside the repo)");
    }
}
