using ScottPlot;

namespace PromiseBot.Charts;

/// <summary>
/// The one font family every chart text is drawn in: DejaVu Sans, shipped in <c>Fonts/</c> (copied beside the
/// assemblies) and registered with ScottPlot once per process, so a chart looks the same on a host with no fonts.
/// </summary>
internal static class ChartFonts
{
    /// <summary>
    /// A name no system font has: ScottPlot asks the system's font manager before the registered files, so under the
    /// plain name "DejaVu Sans" a host's own copy (any version) would win, and the shipped file would never be read.
    /// </summary>
    public const string Family = "PromiseBot DejaVu Sans";

    public static string RegularPath => Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");

    public static string BoldPath => Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans-Bold.ttf");

    // Fonts.AddFontFile appends to a plain List that every text measurement enumerates: it must happen once, before
    // the first chart, never beside a render. ExecutionAndPublication runs it once and makes every caller wait for it
    // (and remembers a missing file as a failure, so each call says so).
    private static readonly Lazy<string> Registration = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the shipped font on first use and returns its family name.</summary>
    public static string EnsureRegistered() => Registration.Value;

    private static string Register()
    {
        foreach (var path in new[] { RegularPath, BoldPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The chart font is missing: PromiseBot.Charts ships it in Fonts/ and copies it beside its assembly ({path}).", path);
            }
        }

        Fonts.AddFontFile(Family, RegularPath, bold: false);
        Fonts.AddFontFile(Family, BoldPath, bold: true);
        return Family;
    }
}
