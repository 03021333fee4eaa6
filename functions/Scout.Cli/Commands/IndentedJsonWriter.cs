using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scout.Cli.Commands;

/// <summary>
/// Indented JSON straight into a byte buffer handed to a stream as it fills: the bytes a <see cref="Utf8JsonWriter"/>
/// with <see cref="JsonWriterOptions.Indented"/> (two spaces, <see cref="Environment.NewLine"/>) and
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> writes for the same calls, at a fraction of its cost for a
/// 50,000-package SBOM: that writer re-checks every property name and value against the encoder, one call at a time.
/// Here a string of printable ASCII without '"' or '\' (nearly every purl, name and version) is checked and narrowed into
/// the buffer four characters at a time; any other string is escaped by a Utf8JsonWriter, so its bytes stay
/// exactly System.Text.Json's (IndentedJsonWriterTests compares the two). No validation: the caller nests correctly.
/// </summary>
public sealed class IndentedJsonWriter
{
    // Fewer, larger writes: with 64 KB chunks the write syscall took about 8% of `sbom normalize`'s thread time.
    private const int BufferSize = 1 << 20;
    // Longer strings take the escaping writer's path, which has no size limit (the buffer never has to hold them).
    private const int FastStringMaxLength = BufferSize / 8;

    /// <summary>The most <see cref="GetSpan"/> surely gives room for.</summary>
    public const int MaxDirectLength = BufferSize / 8;

    private const int MaxDepth = 32;
    private const int MaxNameLength = 1024;
    // The newline, then the spaces for the deepest indentation (2 per level).
    private static readonly byte[] NewLineAndIndent = Encoding.UTF8.GetBytes(Environment.NewLine + new string(' ', 2 * MaxDepth));
    private static readonly int NewLineLength = Encoding.UTF8.GetByteCount(Environment.NewLine);
    // '"', ':', ' ' and "null" as the little-endian words written in one store ('"' lowest).
    private static readonly uint QuoteColonSpace = BitConverter.ToUInt32([(byte)'"', (byte)':', (byte)' ', 0]);
    private static readonly uint NullBytes = BitConverter.ToUInt32("null"u8);

    private readonly Stream output;
    private readonly byte[] buffer;
    private int position;
    private int depth;
    // Whether the object or array being written has no member yet (no comma before the next one; "[]" / "{}" if none).
    private bool empty = true;
    // A property name was just written: its value follows on the same line, with no separator.
    private bool afterName;
    private ArrayBufferWriter<byte>? escapedText;
    private Utf8JsonWriter? escaping;

    public IndentedJsonWriter(Stream output)
    {
        this.output = output;
        buffer = new byte[BufferSize];
    }

    public void StartObject() => Start((byte)'{');
    public void StartArray() => Start((byte)'[');
    public void EndObject() => End((byte)'}');
    public void EndArray() => End((byte)']');

    /// <summary>The name of the next member of an object: its value follows with one of the value methods.</summary>
    public void PropertyName(ReadOnlySpan<byte> utf8Name)
    {
        // The name is copied unchecked into reserved room: a constant of the caller's, never near the buffer's size.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf8Name.Length, MaxNameLength);
        ref var at = ref Separate(utf8Name.Length + 5); // the last store writes one byte past
        at = (byte)'"';
        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref at, 1), ref MemoryMarshal.GetReference(utf8Name), (uint)utf8Name.Length);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, utf8Name.Length + 1), QuoteColonSpace);
        position += utf8Name.Length + 4;
        afterName = true;
    }

    public void String(string value)
    {
        if (value.Length <= FastStringMaxLength)
        {
            ref var at = ref ValuePrefix(value.Length + 2);
            if (TryCopyPlain(value, ref Unsafe.Add(ref at, 1)))
            {
                at = (byte)'"';
                Unsafe.Add(ref at, value.Length + 1) = (byte)'"';
                position += value.Length + 2;
                return;
            }
        }
        else ValuePrefix(0);
        Escaped(value);
    }

    public void Null()
    {
        ref var at = ref ValuePrefix(4);
        Unsafe.WriteUnaligned(ref at, NullBytes);
        position += 4;
    }

    public void Number(long value)
    {
        ValuePrefix(20);
        // Utf8Formatter, as Utf8JsonWriter.WriteNumberValue(long) uses.
        Utf8Formatter.TryFormat(value, buffer.AsSpan(position), out var written);
        position += written;
    }

    /// <summary>The nesting depth of the next member: a caller formatting one itself (<see cref="GetSpan"/>) checks it.</summary>
    public int Depth => depth;

    /// <summary>Whether the next member is its object's or array's first (no comma before it).</summary>
    public bool AtFirstMember => empty;

    /// <summary>Room to format the next array element or object member directly, separator included, at least
    /// <paramref name="sizeHint"/> bytes if that is no more than the buffer's size; nothing is committed until
    /// <see cref="AdvanceMember"/>.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        Reserve(sizeHint);
        return buffer.AsSpan(position);
    }

    /// <summary>Commits <paramref name="count"/> bytes formatted into <see cref="GetSpan"/>'s span as one complete member.</summary>
    public void AdvanceMember(int count)
    {
        position += count;
        empty = false;
    }

    /// <summary>Hands everything written so far to the stream.</summary>
    public void Flush()
    {
        if (position == 0) return;
        output.Write(buffer, 0, position);
        position = 0;
    }

    private void Start(byte bracket)
    {
        if (depth == MaxDepth) throw new InvalidOperationException($"JSON nested deeper than {MaxDepth} levels");
        ValuePrefix(1) = bracket;
        position++;
        depth++;
        empty = true;
    }

    private void End(byte bracket)
    {
        depth--;
        ref var at = ref empty ? ref Reserve(1) : ref NewLine(1);
        at = bracket;
        position++;
        empty = false;
    }

    /// <summary>What goes before a value: nothing after a property name, else (an array's element) a comma if needed
    /// and a new line. Returns where the value goes, with room for <paramref name="then"/> bytes (up to the buffer's size).</summary>
    private ref byte ValuePrefix(int then)
    {
        if (!afterName) return ref Separate(then);
        afterName = false;
        return ref Reserve(then);
    }

    private ref byte Separate(int then)
    {
        if (depth == 0)
        {
            empty = false;
            return ref Reserve(then);
        }
        if (!empty)
        {
            Reserve(1) = (byte)',';
            position++;
        }
        empty = false;
        return ref NewLine(then);
    }

    private ref byte NewLine(int then)
    {
        var length = NewLineLength + 2 * depth;
        ref var at = ref Reserve(length + then);
        Unsafe.CopyBlockUnaligned(ref at, ref NewLineAndIndent[0], (uint)length);
        position += length;
        return ref Unsafe.Add(ref at, length);
    }

    /// <summary>Where the next byte goes, with room for <paramref name="length"/> bytes (up to the buffer's size), flushing if needed.</summary>
    private ref byte Reserve(int length)
    {
        if (buffer.Length - position < length) Flush();
        return ref buffer[position];
    }

    private void Escaped(string value)
    {
        escapedText ??= new ArrayBufferWriter<byte>();
        escapedText.ResetWrittenCount();
        // Made on first use: setting up the encoder's tables costs more than writing thousands of plain strings.
        if (escaping is null) escaping = new Utf8JsonWriter(escapedText, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        else escaping.Reset(escapedText);
        escaping.WriteStringValue(value);
        escaping.Flush();
        Raw(escapedText.WrittenSpan);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > buffer.Length - position)
        {
            Flush();
            if (bytes.Length > buffer.Length)
            {
                output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(buffer.AsSpan(position));
        position += bytes.Length;
    }

    /// <summary>Copies <paramref name="value"/> as ASCII to <paramref name="destination"/> if it is printable ASCII without
    /// '"' or '\', the characters relaxed JSON escaping writes as they are; false (and some bytes written) if not.</summary>
    public static bool TryCopyPlain(string value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, value.Length);
        return value.Length == 0 || TryCopyPlain(value, ref MemoryMarshal.GetReference(destination));
    }

    /// <summary>The same into memory with room for the value's length.</summary>
    /// <remarks>Four characters at a time in a ulong rather than with Vector128 or Ascii.FromUtf16: crossgen leaves
    /// methods using Vector128 to the JIT, which starts them unoptimized (Tier0), and precompiled code calls rather than
    /// inlines framework methods, a cost per string.</remarks>
    internal static bool TryCopyPlain(string value, ref byte destination)
    {
        ref var source = ref Unsafe.As<char, byte>(ref Unsafe.AsRef(in value.GetPinnableReference()));
        var length = value.Length;
        var i = 0;
        if (BitConverter.IsLittleEndian)
        {
            for (; i + 4 <= length; i += 4)
            {
                var chars = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 2 * i));
                if (!ArePlain(chars)) return false;
                // Each 16-bit lane holds one ASCII byte: pack the four into 32 bits.
                var pairs = (chars | (chars >> 8)) & 0x0000FFFF_0000FFFF;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, i), (uint)(pairs | (pairs >> 16)));
            }
        }
        for (; i < length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
            Unsafe.Add(ref destination, i) = (byte)c;
        }
        return true;
    }

    /// <summary>Whether four UTF-16 characters (16-bit lanes) are all printable ASCII other than '"' and '\'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ArePlain(ulong chars)
    {
        const ulong Ones = 0x0001_0001_0001_0001, HighBits = 0x8000_8000_8000_8000;
        if ((chars & 0xFF80_FF80_FF80_FF80) != 0) return false; // beyond ASCII
        // Per lane c, all below 0x80 now, so nothing borrows or carries past a lane that does not match:
        // c - 0x20 sets bit 15 where c < 0x20; c + 1 sets bit 7 where c is DEL; x - 1 sets bit 15 where x (c xor k) is 0.
        var control = (chars - 0x20 * Ones) & ~chars;
        var quote = chars ^ ('"' * Ones);
        var backslash = chars ^ ('\\' * Ones);
        var found = ((control | ((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash)) & HighBits) | ((chars + Ones) & 0x0080_0080_0080_0080);
        return found == 0;
    }
}
