using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>
/// Runs one fuzz property through FsCheck: <see cref="Count"/> generated inputs (<c>PROMISEBOT_FUZZ_COUNT</c>, default
/// <see cref="DefaultCount"/>; <c>bench/fuzz-bench.sh</c> sets 100,000), each handed to a body that says whether the
/// product refused or accepted it and throws <see cref="FuzzViolation"/> when a property does not hold. Any other
/// exception is one that escaped the product: it is counted and fails the property with the input that caused it.
/// With <c>PROMISEBOT_FUZZ_REPORT</c> set to a file, one line per property is appended to it (the bench prints them).
/// </summary>
public static class Fuzz
{
    public const string CountVariable = "PROMISEBOT_FUZZ_COUNT";
    public const string ReportVariable = "PROMISEBOT_FUZZ_REPORT";
    public const int DefaultCount = 2_000;

    private static readonly object ReportLock = new();

    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable(CountVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultCount;

    /// <summary>A generator of seeds for the seeded mutators (<see cref="FuzzText"/>, <see cref="FuzzJson"/>, <see cref="FuzzBytes"/>):
    /// a failure names its seed, so it can be replayed.</summary>
    public static Gen<int> Seeds => Gen.Choose(0, int.MaxValue);

    public static FuzzTally Check<T>(string property, Gen<T> inputs, Func<T, FuzzVerdict> body, Func<T, string>? show = null, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(body);
        var tally = new FuzzTally(property);
        var runs = count ?? Count;
        var watch = Stopwatch.StartNew();
        var config = Config.QuickThrowOnFailure.WithMaxTest(runs).WithQuietOnSuccess(true);
        FsCheck.Check.One(config, Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            FuzzVerdict verdict;
            try
            {
                verdict = body(input);
            }
            catch (FuzzViolation)
            {
                tally.Violations++;
                throw;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                tally.Exceptions++;
                throw new FuzzViolation($"{e.GetType().Name} escaped on {Describe(input, show)}: {e.Message}", e);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                tally.Violations++;
                throw new FuzzViolation($"{e.Message} (on {Describe(input, show)})", e);
            }

            tally.Add(verdict);
            return true;
        }));
        tally.Seconds = watch.Elapsed.TotalSeconds;
        Report(tally);
        return tally;
    }

    /// <summary>Shows an input in a failure message: printable, control characters as \uXXXX, at most 400 characters.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > 400 ? text[..400] : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u202E' or '\uFEFF')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length > 400 ? builder.Append($"… ({text.Length:N0} chars)").ToString() : builder.ToString();
    }

    private static string Describe<T>(T input, Func<T, string>? show) =>
        show is not null ? show(input) : input is string s ? '"' + Printable(s) + '"' : input?.ToString() ?? "null";

    private static void Report(FuzzTally tally)
    {
        var line = tally.ToString();
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } path)
        {
            lock (ReportLock)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}
