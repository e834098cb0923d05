using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PromiseBot.Testing.Teams.Connector;

/// <summary>
/// A real HTTP server (127.0.0.1, random port) standing in for the OneDrive upload session a Teams file consent gives
/// (<c>uploadInfo.uploadUrl</c>): it takes <c>PUT</c>s, records each with its headers and bytes, and can answer the
/// next ones with an error status (429 with Retry-After, 500, ...).
/// </summary>
public sealed class FakeFileUploadServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FileUpload> _uploads = [];
    private readonly Queue<int> _failures = new();

    private FakeFileUploadServer(WebApplication app) => _app = app;

    /// <summary>The server's root, ending in '/'.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>An upload session URL for <paramref name="name"/>.</summary>
    public string UploadUrl(string name) => BaseUrl + "upload/" + Uri.EscapeDataString(name);

    public IReadOnlyList<FileUpload> Uploads
    {
        get
        {
            lock (_gate)
            {
                return [.. _uploads];
            }
        }
    }

    public static async Task<FakeFileUploadServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeFileUploadServer(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single().TrimEnd('/') + "/";
        return fake;
    }

    /// <summary>The next <paramref name="count"/> uploads are answered <paramref name="status"/> (429 carries Retry-After: 1).</summary>
    public void FailNext(int status, int count = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(status);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var upload = new FileUpload(
            context.Request.Method,
            Uri.UnescapeDataString(context.Request.Path.Value ?? ""),
            context.Request.Headers.ContentRange.ToString(),
            context.Request.ContentType,
            context.Request.Headers.ContainsKey("Authorization"),
            body.ToArray());
        int? failure = null;
        lock (_gate)
        {
            _uploads.Add(upload);
            if (_failures.TryDequeue(out var status))
            {
                failure = status;
            }
        }

        if (context.Request.Method != HttpMethods.Put)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (failure is { } code)
        {
            if (code == StatusCodes.Status429TooManyRequests)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            context.Response.StatusCode = code;
            await context.Response.WriteAsync("""{"error":{"code":"failed","message":"injected"}}""", context.RequestAborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"id":"01ABC","name":"uploaded"}""", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
