using System.Diagnostics;
using Npgsql;

namespace PromiseBot.Testing;

/// <summary>
/// The PostgreSQL 15 server the tests of this process share. <see cref="EnvironmentVariable"/> names a server someone
/// else started (<c>.ci/run</c> starts one for every test process); when it is unset, the first use starts a
/// throwaway server with <c>tests/postgres/pg-start.sh</c>, the same script <c>.ci/run</c> uses, so a plain
/// <c>dotnet test</c> gets the same server CI does, and stops it with <c>pg-stop.sh</c> when the process exits.
/// Without either the first use throws, so a test that needs PostgreSQL fails rather than quietly skipping.
/// </summary>
public static class PostgresServer
{
    /// <summary>An admin (superuser) Npgsql connection string to a server the tests may create databases on.</summary>
    public const string EnvironmentVariable = "PROMISEBOT_TEST_POSTGRES";

    private const string StartScript = "tests/postgres/pg-start.sh";

    private const string StopScript = "tests/postgres/pg-stop.sh";

    // Generous: on a machine without the binaries pg-start.sh first installs Debian's postgresql package.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // At most one start per process, however many tests ask at once; a failed start is remembered and rethrown, so
    // every test reports the same cause instead of each trying again.
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The admin connection string (user postgres, database postgres), starting the server on first use.</summary>
    public static string ConnectionString => Server.Value;

    /// <summary>
    /// A brand-new empty database of its own (<c>pb_&lt;guid&gt;</c>), so tests running in parallel never see each
    /// other's tables; dropped when the result is disposed.
    /// </summary>
    public static TempPostgresDatabase CreateDatabase()
    {
        var name = $"pb_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new TempPostgresDatabase(name, builder.ConnectionString, ConnectionString);
    }

    private static string Start()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given.Trim();
        }

        var root = FindRepoRoot() ?? throw new InvalidOperationException(
            $"No PostgreSQL server for the tests: {EnvironmentVariable} is unset and no {StartScript} was found above " +
            $"{AppContext.BaseDirectory} to start one. Set {EnvironmentVariable} to an admin connection string " +
            "(Host=...;Port=...;Username=postgres;Database=postgres) or run the tests from a checkout.");

        // Short and under the temp folder: the server's unix socket lives in it (a socket path is at most 107 bytes).
        var folder = Path.Combine(Path.GetTempPath(), $"promisebot-pg-{Guid.NewGuid():N}");
        var (exitCode, stdout, stderr) = Run(Path.Combine(root, StartScript), folder, StartTimeout);
        var connectionString = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exitCode != 0 || connectionString is null || !connectionString.StartsWith("Host=", StringComparison.Ordinal))
        {
            Stop(root, folder);
            throw new InvalidOperationException(
                $"No PostgreSQL server for the tests: {EnvironmentVariable} is unset and {StartScript} {folder} " +
                $"failed (exit {exitCode}). It needs PostgreSQL 15's initdb and pg_ctl (on PATH or Debian's postgresql " +
                $"package); or set {EnvironmentVariable} to an admin connection string.\n{stderr}\n{stdout}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(root, folder);
        return connectionString;
    }

    private static void Stop(string root, string folder)
    {
        try
        {
            Run(Path.Combine(root, StopScript), folder, StopTimeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // The process is ending; a server left behind lives in a temp folder and is harmless.
        }
    }

    private static (int ExitCode, string StdOut, string StdErr) Run(string script, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start bash {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {folder} did not finish within {timeout}");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, StartScript)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
