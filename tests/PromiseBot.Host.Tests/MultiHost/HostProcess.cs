using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.MultiHost;

/// <summary>
/// PromiseBot as its own operating-system process (<c>dotnet PromiseBot.Host.dll</c> from the host project's build
/// output, the configuration the tests were built in), listening on 127.0.0.1 and a free port, configured only through
/// environment variables, as a deployed host is. <see cref="Kill"/> is <c>kill -9</c>: no shutdown code runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    // Real processes on real time: the wall clock, on purpose.
    private static readonly TimeProvider Wall = TimeProvider.System;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private HostProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far (for a failing test's message).</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the host and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var dll = HostDll();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new HostProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Wall.GetUtcNow() + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} while starting:\n{host.Output}");
            }

            try
            {
                using var health = await host._http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Wall.GetUtcNow() > deadline)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"{name} was not healthy within {timeout}:\n{host.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Posts a correctly signed <c>/promise</c> slash command; returns the status and the reply's text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SlashAsync(string secret, string text, string channel, string user = "U1", string team = "T1")
    {
        var form = new Dictionary<string, string>
        {
            ["team_id"] = team,
            ["team_domain"] = "acme",
            ["channel_id"] = channel,
            ["channel_name"] = "general",
            ["user_id"] = user,
            ["user_name"] = "someone",
            ["command"] = "/promise",
            ["text"] = text,
            ["response_url"] = "https://hooks.slack.com/commands/T1/1/x",
            ["trigger_id"] = Guid.NewGuid().ToString("N"),
            ["api_app_id"] = "A1",
        };
        using var content = new FormUrlEncodedContent(form);
        var body = await content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("slack/commands", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        SlackSigner.AddHeaders(request, secret, body, Wall.GetUtcNow());
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary><c>kill -9</c>: the process ends at once, in the middle of whatever it was doing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    // The host project's own output for the configuration these tests were built in (bin/<Configuration>/net10.0).
    private static string HostDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var dll = Path.Combine(PlatformValidators.RepoRoot, "src", "PromiseBot.Host", "bin", configuration, framework, "PromiseBot.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the host first (dotnet build).", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
