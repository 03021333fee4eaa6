using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scout.Testing.Servers;

/// <summary>
/// One of Google's emulators (preinstalled with google-cloud-cli) run on 127.0.0.1 on a free port for the
/// duration of a test fixture. Dispose kills the whole process tree: the launch scripts start java children.
/// </summary>
public sealed class GcpEmulator : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private GcpEmulator(Process process, int port) { this.process = process; Port = port; }

    public int Port { get; }
    public string HostPort => $"127.0.0.1:{Port}";
    public Uri BaseAddress => new($"http://{HostPort}/");

    /// <param name="javaHeap">the emulator's -Xmx: it holds every document in memory (benchmarks with 500,000 advisories need gigabytes)</param>
    public static Task<GcpEmulator> StartFirestoreAsync(string projectId, string javaHeap = "512m") =>
        StartAsync("Firestore", port => (Path.Combine(SdkRoot(), "platform", "cloud-firestore-emulator", "cloud_firestore_emulator"),
            ["start", "--host=127.0.0.1", $"--port={port}", $"--project_id={projectId}"]), "/", javaHeap);

    public static Task<GcpEmulator> StartPubSubAsync(string projectId) =>
        StartAsync("Pub/Sub", port => (Path.Combine(SdkRoot(), "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator"),
            ["--host=127.0.0.1", $"--port={port}"]), $"/v1/projects/{projectId}/topics");

    private static async Task<GcpEmulator> StartAsync(string what, Func<int, (string File, string[] Args)> command, string readyPath, string javaHeap = "512m")
    {
        var port = FreePort();
        var (file, args) = command(port);
        if (!File.Exists(file))
            throw new InvalidOperationException($"the {what} emulator is not installed at {file}: it comes with google-cloud-cli (see scripts/tools/gcp.sh)");
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["JAVA_TOOL_OPTIONS"] = "-Xmx" + javaHeap;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start the {what} emulator");
        var emulator = new GcpEmulator(process, port);
        process.OutputDataReceived += (_, e) => emulator.Append(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                using var response = await http.GetAsync(new Uri(emulator.BaseAddress, readyPath));
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return emulator;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        var log = emulator.Output;
        await emulator.DisposeAsync();
        throw new InvalidOperationException($"the {what} emulator did not become ready on port {port}:\n{log}");
    }

    public string Output { get { lock (output) return output.ToString(); } }

    private void Append(string? line)
    {
        if (line == null) return;
        lock (output) if (output.Length < 200_000) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception) { }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? sdkRoot;

    /// <summary>The google-cloud-cli installation: CLOUDSDK_ROOT_DIR, else `gcloud info`, else the Debian package's path.</summary>
    public static string SdkRoot()
    {
        if (sdkRoot != null) return sdkRoot;
        var fromEnv = Environment.GetEnvironmentVariable("CLOUDSDK_ROOT_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return sdkRoot = fromEnv;
        try
        {
            var info = new ProcessStartInfo("gcloud") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "info", "--format=value(installation.sdk_root)" }) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var path = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            if (p.ExitCode == 0 && Directory.Exists(path)) return sdkRoot = path;
        }
        catch (System.ComponentModel.Win32Exception) { }
        return sdkRoot = "/usr/lib/google-cloud-sdk";
    }
}

/// <summary>xunit fixture: one Firestore emulator per test class (project "demo-test").</summary>
public sealed class FirestoreEmulatorFixture : IAsyncLifetime
{
    public const string ProjectId = "demo-test";
    public GcpEmulator Emulator { get; private set; } = null!;
    public string HostPort => Emulator.HostPort;

    public async Task InitializeAsync() => Emulator = await GcpEmulator.StartFirestoreAsync(ProjectId);
    public async Task DisposeAsync() { if (Emulator != null) await Emulator.DisposeAsync(); }
}

/// <summary>xunit fixture: one Pub/Sub emulator per test class.</summary>
public sealed class PubSubEmulatorFixture : IAsyncLifetime
{
    public const string ProjectId = "demo-test";
    public GcpEmulator Emulator { get; private set; } = null!;
    public string HostPort => Emulator.HostPort;

    public async Task InitializeAsync() => Emulator = await GcpEmulator.StartPubSubAsync(ProjectId);
    public async Task DisposeAsync() { if (Emulator != null) await Emulator.DisposeAsync(); }
}
