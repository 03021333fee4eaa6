namespace Scout.Versions;

/// <summary>
/// The line protocol of `scout versions compare`: each input line "a&lt;TAB&gt;b" gives one output line
/// "a&lt;TAB&gt;b&lt;TAB&gt;R", R in -1, 0, 1, invalid. A line that is not exactly two tab-separated fields is answered
/// "&lt;line&gt;&lt;TAB&gt;invalid" and the stream goes on.
/// </summary>
public static class VersionCompareLines
{
    public const string Invalid = "invalid";

    public static string Answer(IVersionScheme scheme, string line)
    {
        var fields = line.Split('\t');
        if (fields.Length != 2) return line + "\t" + Invalid;
        var r = scheme.Compare(fields[0], fields[1]);
        return $"{fields[0]}\t{fields[1]}\t{(r is null ? Invalid : r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }

    /// <summary>Answers every line of input (a trailing CR is dropped, as from a CRLF file); returns the line count.</summary>
    public static long Run(IVersionScheme scheme, TextReader input, TextWriter output)
    {
        long count = 0;
        while (input.ReadLine() is { } line)
        {
            if (line.EndsWith('\r')) line = line[..^1];
            output.Write(Answer(scheme, line));
            output.Write('\n');
            count++;
        }
        output.Flush();
        return count;
    }
}
