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
/// Here a string of printable ASCII without '"' or '\' (nearly every purl, name and version) is narrowed into the
/// buffer and checked sixteen bytes at a time; any other string is escaped by a Utf8JsonWriter, so its bytes stay
/// exactly System.Text.Json's (IndentedJsonWriterTests compares the two). No validation: the caller nests correctly.
/// </summary>
public sealed class IndentedJsonWriter
{
    // Fewer, larger writes: with 64 KB chunks the write syscall took about 8% of `sbom normalize`'s thread time.
    private const int BufferSize = 1 << 20;
    // Longer strings take the escaping writer's path, which has no size limit (the buffer never has to hold them).
    private const int FastStringMaxLength = BufferSize / 8;

    // The newline, then enough spaces for any depth this writer is used at (2 per level).
    private static readonly byte[] NewLineAndIndent = Encoding.UTF8.GetBytes(Environment.NewLine + new string(' ', 64));
    private static readonly int NewLineLength = Encoding.UTF8.GetByteCount(Environment.NewLine);

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

    public IndentedJsonWriter(Stream output, int bufferSize = BufferSize)
    {
        this.output = output;
        buffer = new byte[Math.Max(bufferSize, 256)];
    }

    public void StartObject() => Start((byte)'{');
    public void StartArray() => Start((byte)'[');
    public void EndObject() => End((byte)'}');
    public void EndArray() => End((byte)']');

    /// <summary>The name of the next member of an object: its value follows with one of the value methods.</summary>
    public void PropertyName(ReadOnlySpan<byte> utf8Name)
    {
        Separate(utf8Name.Length + 4);
        var span = buffer.AsSpan(position);
        span[0] = (byte)'"';
        utf8Name.CopyTo(span[1..]);
        span[utf8Name.Length + 1] = (byte)'"';
        span[utf8Name.Length + 2] = (byte)':';
        span[utf8Name.Length + 3] = (byte)' ';
        position += utf8Name.Length + 4;
        afterName = true;
    }

    public void String(string value)
    {
        ValuePrefix(value.Length + 2);
        if (value.Length <= FastStringMaxLength)
        {
            if (buffer.Length - position < value.Length + 2) Flush();
            var text = buffer.AsSpan(position + 1, value.Length);
            if (Ascii.FromUtf16(value, text, out _) == OperationStatus.Done && !NeedsEscaping(text))
            {
                buffer[position] = (byte)'"';
                buffer[position + 1 + value.Length] = (byte)'"';
                position += value.Length + 2;
                return;
            }
        }
        Escaped(value);
    }

    public void Null()
    {
        ValuePrefix(4);
        "null"u8.CopyTo(buffer.AsSpan(position));
        position += 4;
    }

    public void Number(long value)
    {
        ValuePrefix(20);
        // Utf8Formatter, as Utf8JsonWriter.WriteNumberValue(long) uses.
        Utf8Formatter.TryFormat(value, buffer.AsSpan(position), out var written);
        position += written;
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
        ValuePrefix(1);
        buffer[position++] = bracket;
        depth++;
        empty = true;
    }

    private void End(byte bracket)
    {
        depth--;
        if (empty) Reserve(1);
        else NewLine(1);
        buffer[position++] = bracket;
        empty = false;
    }

    /// <summary>What goes before a value: nothing after a property name, else (an array's element) a comma if needed and a new line.</summary>
    private void ValuePrefix(int then)
    {
        if (afterName)
        {
            afterName = false;
            Reserve(then);
            return;
        }
        Separate(then);
    }

    private void Separate(int then)
    {
        if (depth == 0)
        {
            Reserve(then);
            empty = false;
            return;
        }
        if (!empty)
        {
            Reserve(1);
            buffer[position++] = (byte)',';
        }
        empty = false;
        NewLine(then);
    }

    private void NewLine(int then)
    {
        var length = NewLineLength + 2 * depth;
        Reserve(length + then);
        NewLineAndIndent.AsSpan(0, length).CopyTo(buffer.AsSpan(position));
        position += length;
    }

    /// <summary>Room for <paramref name="length"/> more bytes (up to the buffer's size), flushing if needed.</summary>
    private void Reserve(int length)
    {
        if (buffer.Length - position < length) Flush();
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

    /// <summary>Whether ASCII text holds a byte that relaxed JSON escaping escapes: a control character (below ' ', DEL), '"' or '\'.</summary>
    /// <remarks>Eight bytes at a time in a ulong rather than with Vector128: crossgen leaves methods using Vector128 to
    /// the JIT, which starts them unoptimized (Tier0) for the first of millions of calls.</remarks>
    internal static bool NeedsEscaping(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length < sizeof(ulong))
        {
            foreach (var b in ascii)
                if (b < 0x20 || b == 0x7F || b == '"' || b == '\\') return true;
            return false;
        }
        ref var start = ref MemoryMarshal.GetReference(ascii);
        var last = ascii.Length - sizeof(ulong);
        for (var i = 0; i < last; i += sizeof(ulong))
            if (HasEscapable(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)))) return true;
        // The last eight bytes, overlapping the ones before: no scalar tail.
        return HasEscapable(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, last)));
    }

    /// <summary>Whether eight ASCII bytes (high bits clear) hold one below 0x20, DEL, '"' or '\'.</summary>
    private static bool HasEscapable(ulong bytes)
    {
        const ulong Ones = 0x0101010101010101, HighBits = 0x8080808080808080;
        // Per byte b (all below 0x80, so nothing borrows or carries past a byte that does not match):
        // b - 0x20 sets the high bit where b < 0x20; b + 1 sets it where b is 0x7F; x - 1 sets it where x (b xor c) is 0.
        var control = (bytes - 0x20 * Ones) & ~bytes;
        var delete = bytes + Ones;
        var quote = bytes ^ ('"' * Ones);
        var backslash = bytes ^ ('\\' * Ones);
        return ((control | delete | ((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash)) & HighBits) != 0;
    }
}
