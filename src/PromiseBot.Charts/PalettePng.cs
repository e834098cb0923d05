using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace PromiseBot.Charts;

/// <summary>
/// A chart's PNG written again with a palette of at most 256 colours (Wu's quantizer, no dithering) at the best
/// compression: a chart has a few flat colours and their anti-aliased edges, so it looks the same at about a third of
/// the size, which lets one chart ride in a Teams activity (28 KB with its base64). Input is only ScottPlot's own PNG.
/// </summary>
internal static class PalettePng
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Palette,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.BestCompression,
        Quantizer = new WuQuantizer(new QuantizerOptions { MaxColors = 256, Dither = null }),
        ChunkFilter = PngChunkFilter.ExcludeAll,
    };

    public static byte[] From(byte[] png)
    {
        using var image = Image.Load<Rgba32>(png);
        using var output = new MemoryStream();
        image.SaveAsPng(output, Encoder);
        return output.ToArray();
    }
}
