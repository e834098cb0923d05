using System.Buffers.Binary;
using System.Text;

namespace PromiseBot.Charts.Tests;

/// <summary>Reads a PNG's structure by hand (signature, IHDR, every chunk's CRC, IEND), independent of the library that wrote it.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(byte[] bytes) => bytes.AsSpan().StartsWith(Signature);

    /// <summary>Width and height from the IHDR chunk, which must come first; throws if the file is not a well-formed PNG.</summary>
    public static (int Width, int Height) Size(byte[] bytes)
    {
        var chunks = Chunks(bytes);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal(13, chunks[0].Data.Length);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.Contains(chunks, c => c.Type == "IDAT");
        var width = BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(0, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4, 4));
        return (width, height);
    }

    private static List<(string Type, byte[] Data)> Chunks(byte[] bytes)
    {
        Assert.True(HasSignature(bytes), "no PNG signature");
        var chunks = new List<(string, byte[])>();
        var offset = Signature.Length;
        while (offset < bytes.Length)
        {
            Assert.True(offset + 12 <= bytes.Length, $"truncated chunk at {offset}");
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset, 4));
            Assert.True(length >= 0 && offset + 12 + length <= bytes.Length, $"chunk at {offset} runs past the end");
            var typeAndData = bytes.AsSpan(offset + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length, 4));
            Assert.Equal(Crc32(typeAndData), crc);
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            offset += 12 + length;
        }

        return chunks;
    }

    // The CRC-32 of ISO 3309 / PNG section 5.5, bit by bit: slow and obviously right.
    private static uint Crc32(ReadOnlySpan<byte> data)
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

        return crc ^ 0xFFFFFFFFu;
    }
}
