using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scout.Cli.Tests;

/// <summary>Runs the built `scout` program as a real process (the tests' bin folder holds scout.dll).</summary>
public sealed class ScoutProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> stderr = [];

    private ScoutProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.Add(e.Data); };
        process.BeginErrorReadLine();
    }

    public static string ScoutDll => Path.Combine(AppContext.BaseDirectory, "scout.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(ScoutDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>Runs to completion; returns exit code and output.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args) => RunWithEnvironmentAsync(null, stdin, args);

    /// <summary>Runs to completion with extra environment variables; returns exit code and output.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] args)
    {
        var info = StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var p = Process.Start(info)!;
        if (stdin != null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(true); throw new TimeoutException("scout " + string.Join(' ', args)); }
        return (p.ExitCode, await stdout, await err);
    }

    /// <summary>Starts `scout serve` and waits until /healthz answers.</summary>
    public static Task<(ScoutProcess Server, Uri BaseAddress)> ServeAsync(string dataDirectory, params string[] extraArgs) =>
        ServeWithEnvironmentAsync(null, dataDirectory, extraArgs);

    /// <summary>Starts `scout serve` with extra environment variables and waits until /healthz answers.</summary>
    public static async Task<(ScoutProcess Server, Uri BaseAddress)> ServeWithEnvironmentAsync(IReadOnlyDictionary<string, string>? environment, string dataDirectory, params string[] extraArgs)
    {
        var port = FreePort();
        var info = StartInfo(["serve", "--port", port.ToString(), "--data", dataDirectory, .. extraArgs]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var server = new ScoutProcess(Process.Start(info)!);
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited) throw new InvalidOperationException("scout serve exited: " + server.Stderr);
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return (server, address);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        server.Dispose();
        throw new TimeoutException("scout serve did not answer /healthz in 60 s");
    }

    /// <summary>The process id (for /proc readings such as resident memory).</summary>
    public int Id => process.Id;

    public string Stderr { get { lock (stderr) return string.Join('\n', stderr); } }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Crash()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) Crash();
        process.Dispose();
    }
}
