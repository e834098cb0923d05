using System.Buffers.Binary;
using System.IO.Compression;

namespace PromiseBot.Testing;

/// <summary>A small real PNG (signature, IHDR, one IDAT, IEND, with CRCs) of a given size, and a reader of the size back
/// out of the IHDR, so a test can prove the bytes that arrived are the picture that was sent.</summary>
public static class TestPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A grey 8-bit greyscale image, <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] Create(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[width + 1]; // filter byte 0, then the pixels
            Array.Fill(row, (byte)0x80, 1, width);
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>True when <paramref name="bytes"/> start with the PNG signature and an IHDR chunk.</summary>
    public static bool HasSignatureAndHeader(byte[] bytes) =>
        bytes.Length >= 33 && bytes.AsSpan(0, 8).SequenceEqual(Signature) && bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8);

    /// <summary>Width and height from the IHDR chunk.</summary>
    public static (int Width, int Height) Size(byte[] bytes) =>
        HasSignatureAndHeader(bytes)
            ? (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)))
            : throw new ArgumentException("not a PNG", nameof(bytes));

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
