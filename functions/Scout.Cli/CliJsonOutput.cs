using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Scout.Cli;

/// <summary>
/// Writes a command's JSON result. On the process's real stdout it streams UTF-8 straight to the stream (a 50,000-package
/// result is tens of MB: building it as a string first tripled the command's peak memory); a swapped console (tests
/// running the CLI in-process) gets the same text through its writer.
/// </summary>
public static class CliJsonOutput
{
    public static void Write<T>(CliConsole console, T value, JsonTypeInfo<T> typeInfo)
    {
        if (!ReferenceEquals(console.Out, Console.Out))
        {
            console.Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));
            return;
        }
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        using var buffered = new BufferedStream(stdout, 1 << 16);
        JsonSerializer.Serialize(buffered, value, typeInfo);
        buffered.Write(System.Text.Encoding.UTF8.GetBytes(Environment.NewLine));
    }

    /// <summary>The same for a result written by hand as UTF-8 JSON (Commands/NormalizedSbomWriter.cs), which buffers its
    /// output itself: on the real stdout it goes to the stream unbuffered.</summary>
    public static void Write(CliConsole console, Action<Stream> write)
    {
        if (!ReferenceEquals(console.Out, Console.Out))
        {
            var text = new MemoryStream();
            write(text);
            console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
            return;
        }
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        write(stdout);
        stdout.Write(System.Text.Encoding.UTF8.GetBytes(Environment.NewLine));
    }
}
