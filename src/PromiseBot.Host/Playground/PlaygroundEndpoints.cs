using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Scheduling;
using PromiseBot.Storage;
using PromiseBot.Storage.Playground;

namespace PromiseBot.Host.Playground;

/// <summary>
/// The playground: a third chat surface on the same core, store, outbox and scheduler, served at <c>GET /</c> with
/// its JSON API under <c>/playground/api</c>. See <see cref="PlaygroundMode"/> for when it is on.
/// </summary>
public static partial class PlaygroundEndpoints
{
    // Commands are capped at 2,000 characters by the parser; a request is a few of those at most.
    private const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplicationBuilder AddPromiseBotPlayground(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Decided from the builder's configuration so Quartz (which reads the connection string by name) also runs on
        // the playground file; re-decided below at resolve time, so configuration added later (tests) is seen too.
        if (PlaygroundMode.From(builder.Configuration) is { Enabled: true } early)
        {
            builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:PromiseBot", early.ConnectionString)]);
        }

        services.AddSingleton(sp => PlaygroundMode.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(_ => new PlaygroundClock(TimeProvider.System));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp =>
            sp.GetRequiredService<PlaygroundMode>().Enabled ? sp.GetRequiredService<PlaygroundClock>() : TimeProvider.System));
        // After the host's own configure step: when on, the whole host runs on the playground's file.
        services.AddSqliteStorage((sp, storage) =>
        {
            if (sp.GetRequiredService<PlaygroundMode>() is { Enabled: true } mode)
            {
                storage.ConnectionString = mode.ConnectionString;
            }
        });
        services.Replace(ServiceDescriptor.Singleton<IUserTimeZones>(sp =>
            new PlaygroundUserTimeZones(ActivatorUtilities.CreateInstance<PlatformUserTimeZones>(sp))));

        services.AddSingleton<PlaygroundMessenger>();
        services.AddSingleton<Core.Outbox.IChatMessenger>(sp => sp.GetRequiredService<PlaygroundMessenger>());
        services.AddSingleton<PlaygroundHtmlRenderer>();
        services.AddSingleton<PlaygroundService>();
        services.AddHostedService<PlaygroundStartup>();
        return builder;
    }

    public static WebApplication MapPlayground(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<PlaygroundMode>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromiseBot.Playground");
        if (!mode.Enabled)
        {
            LogOff(logger, mode.Reason);
            return app;
        }

        LogOn(logger, mode.Reason, app.Services.GetRequiredService<IDatabaseLifecycle>().Name);
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        if (!string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]) || !string.IsNullOrWhiteSpace(configuration["Teams:AppId"]))
        {
            LogSharedWithPlatforms(logger);
        }

        app.Lifetime.ApplicationStarted.Register(() => LogUrl(logger, PlaygroundUrl(app.Services.GetRequiredService<IServer>())));

        app.UseDefaultFiles();
        app.UseStaticFiles();

        var api = app.MapGroup("/playground/api");
        api.MapGet("/state", State);
        api.MapPost("/command", CommandAsync);
        api.MapPost("/action", ActionAsync);
        api.MapPost("/form", FormAsync);
        api.MapPost("/recovery", RecoveryAsync);
        api.MapPost("/clock/advance", AdvanceAsync);
        api.MapPost("/clock/set", JumpAsync);
        api.MapGet("/channels/{channel}/feed", ChannelFeedAsync);
        api.MapGet("/people/{person}/dms", DirectFeedAsync);
        return app;
    }

    /// <summary>"http://127.0.0.1:5000/" from the first address Kestrel listens on; wildcards become 127.0.0.1.</summary>
    public static string PlaygroundUrl(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return "/ (no listening address reported)";
        }

        foreach (var wildcard in new[] { "0.0.0.0", "[::]", "+", "*" })
        {
            address = address.Replace("://" + wildcard + ":", "://127.0.0.1:", StringComparison.Ordinal);
        }

        return address.TrimEnd('/') + "/";
    }

    private static IResult State(TimeProvider time) => Results.Ok(StateBody(time));

    private static object StateBody(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new
        {
            now = now,
            nowText = ClockText(now),
            people = PlaygroundPeople.All.Select(p => new
            {
                id = p.Id,
                name = p.Name,
                timeZone = p.TimeZone,
                role = p.Role,
                isManager = p.IsManager,
                localTime = DueFormatter.FormatAbsolute(Instant.FromDateTimeOffset(now), DateTimeZoneProviders.Tzdb[p.TimeZone]),
            }),
            channels = PlaygroundPeople.Channels.Select(c => new { id = c.Id, name = c.Name }),
        };
    }

    private static string ClockText(DateTimeOffset now) =>
        DueFormatter.FormatAbsolute(Instant.FromDateTimeOffset(now), DateTimeZone.Utc);

    private static async Task<IResult> CommandAsync(HttpContext context, PlaygroundService playground, ILoggerFactory loggers)
    {
        var (request, problem) = await ReadAsync<CommandRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryWho(request!.Person, request.Channel, out var person, out var channel, out problem))
        {
            return problem!;
        }

        return await RunAsync(loggers, playground, () => playground.CommandAsync(person!, channel!, request.Text, request.RequestId, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> ActionAsync(HttpContext context, PlaygroundService playground, ILoggerFactory loggers)
    {
        var (request, problem) = await ReadAsync<ActionRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryWho(request!.Person, request.Channel, out var person, out var channel, out problem))
        {
            return problem!;
        }

        var action = request.Action?.Trim().ToLowerInvariant();
        if (!PlaygroundService.IsAllowedAction(action))
        {
            return BadRequest("action must be done, ack or extend.");
        }

        if (request.Number is not (> 0 and < 1_000_000_000))
        {
            return BadRequest("number must be a promise number.");
        }

        if (request.Version is not (> 0 and < 1_000_000_000))
        {
            return BadRequest("version must be the promise's version the button was drawn at.");
        }

        if (request.When is { Length: > 200 })
        {
            return BadRequest("when is too long.");
        }

        return await RunAsync(loggers, playground, () => playground.ActionAsync(person!, channel!, action!, request.Number.Value, request.Version.Value, request.When, request.RequestId, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> FormAsync(HttpContext context, PlaygroundService playground, ILoggerFactory loggers)
    {
        var (request, problem) = await ReadAsync<FormRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryWho(request!.Person, request.Channel, out var person, out var channel, out problem))
        {
            return problem!;
        }

        if (new[] { request.Title, request.Due, request.Customer, request.Category, request.Owner, request.Backup, request.Aim, request.Risk }.Any(v => v is { Length: > 1000 }))
        {
            return BadRequest("A field is too long.");
        }

        var form = new PlaygroundForm(request.Title, request.Due, request.Customer, request.Category, request.Owner, request.Backup, request.Aim, request.Risk);
        return await RunAsync(loggers, playground, async () =>
        {
            var result = await playground.FormAsync(person!, channel!, form, request.RequestId, context.RequestAborted).ConfigureAwait(false);
            return result.Reply is { } reply
                ? Answer(reply)
                : Results.BadRequest(new { error = "Some fields need a look.", problems = result.Problems });
        }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The recovery-note form: the same rules and use case as Slack's modal, the Teams card and a typed <c>recover</c>.</summary>
    private static async Task<IResult> RecoveryAsync(HttpContext context, PlaygroundService playground, ILoggerFactory loggers)
    {
        var (request, problem) = await ReadAsync<RecoveryRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryWho(request!.Person, request.Channel, out var person, out var channel, out problem))
        {
            return problem!;
        }

        if (request.Number is not (> 0 and < 1_000_000_000))
        {
            return BadRequest("number must be a promise number.");
        }

        if (new[] { request.CustomerTold, request.ApologyGiven, request.Cause, request.CauseText, request.Fix, request.Prevention }.Any(v => v is { Length: > 1000 }))
        {
            return BadRequest("A field is too long.");
        }

        var form = new PromiseBot.Core.Recovery.RecoveryFormInput(request.CustomerTold, request.ApologyGiven, request.Cause, request.CauseText, request.Fix, request.Prevention);
        return await RunAsync(loggers, playground, async () =>
        {
            var result = await playground.RecoveryAsync(person!, channel!, request.Number.Value, form, request.RequestId, context.RequestAborted).ConfigureAwait(false);
            return result.Reply is { } reply
                ? Answer(reply)
                : Results.BadRequest(new { error = "Some fields need a look.", problems = result.Problems });
        }, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> AdvanceAsync(HttpContext context, PlaygroundService playground, TimeProvider time, ILoggerFactory loggers)
    {
        var (request, problem) = await ReadAsync<AdvanceRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Each part is bounded before any arithmetic, so no input can overflow a TimeSpan.
        var (minutes, hours, days) = (request!.Minutes ?? 0, request.Hours ?? 0, request.Days ?? 0);
        if (minutes is < 0 or > 7 * 24 * 60 || hours is < 0 or > 7 * 24 || days is < 0 or > 7)
        {
            return BadRequest("Move the clock forward by minutes, hours or days: more than nothing and at most 7 days.");
        }

        var by = TimeSpan.FromMinutes(minutes) + TimeSpan.FromHours(hours) + TimeSpan.FromDays(days);
        if (by <= TimeSpan.Zero || by > PlaygroundService.MaxAdvance)
        {
            return BadRequest("Move the clock forward by minutes, hours or days: more than nothing and at most 7 days.");
        }

        return await MovedAsync(context, loggers, "clock advance", ct => playground.AdvanceAsync(by, ct)).ConfigureAwait(false);
    }

    /// <summary>Moves the clock and answers with what the move set off; the one catch of both clock endpoints.</summary>
    private static async Task<IResult> MovedAsync(HttpContext context, ILoggerFactory loggers, string what, Func<CancellationToken, Task<ClockAdvance>> move)
    {
        try
        {
            var result = await move(context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new
            {
                now = result.Now,
                nowText = ClockText(result.Now),
                escalations = result.Escalations,
                digests = result.Digests,
                delivered = result.Delivered,
            });
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogFailed(loggers.CreateLogger("PromiseBot.Playground"), ex, what);
            return Results.Json(new { error = "Something went wrong on our side while moving the clock." }, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// Sets the clock to a local date and time in the zone of the person viewing (<c>{"person":"U…","at":"2026-12-04T16:30"}</c>),
    /// forward or back. A time that does not exist there (the spring gap) or happens twice (the autumn repeat) is
    /// refused with what we understood, never guessed.
    /// </summary>
    private static async Task<IResult> JumpAsync(HttpContext context, PlaygroundService playground, TimeProvider time, ILoggerFactory loggers)
    {
        var (request, problem) = await ReadAsync<JumpRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (PlaygroundPeople.Find(request!.Person) is not { } person)
        {
            return BadRequest("Unknown person: choose one of the demo people.");
        }

        var zone = DateTimeZoneProviders.Tzdb[person.TimeZone];
        var parsed = request.At is null ? null : JumpPatterns.Select(p => p.Parse(request.At.Trim())).FirstOrDefault(r => r.Success);
        if (parsed is null)
        {
            return BadRequest("Give the date and time to jump to as 2026-12-04 16:30 (your time, " + person.TimeZone + ").");
        }

        var local = parsed.Value;
        var mapping = zone.MapLocal(local);
        if (mapping.Count != 1)
        {
            var said = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return BadRequest(mapping.Count == 0
                ? $"{said} does not exist in {person.TimeZone} (the clocks skip it that night); pick a time an hour later."
                : $"{said} happens twice in {person.TimeZone} (the clocks go back that night); pick a time an hour earlier or later.");
        }

        var at = mapping.Single().ToInstant();
        var now = Instant.FromDateTimeOffset(time.GetUtcNow()) - Duration.FromTimeSpan(playground.ClockOffset);
        if (at < now - Duration.FromTimeSpan(PlaygroundService.JumpRange.Back) || at > now + Duration.FromTimeSpan(PlaygroundService.JumpRange.Ahead))
        {
            return BadRequest("Jump at most a year back or two years ahead of today.");
        }

        return await MovedAsync(context, loggers, "clock jump", ct => playground.JumpAsync(at, ct)).ConfigureAwait(false);
    }

    // The form's datetime-local value (2026-12-04T16:30) and what a person types (2026-12-04 16:30).
    private static readonly LocalDateTimePattern[] JumpPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm"),
    ];

    private static Task<IResult> ChannelFeedAsync(string channel, long? after, PlaygroundService playground, IPlaygroundFeedStore feed, TimeProvider time, CancellationToken cancellationToken) =>
        PlaygroundPeople.FindChannel(channel) is { } known
            ? FeedAsync(FeedKind.Channel, known.Id, after, playground, feed, time, cancellationToken)
            : Task.FromResult(BadRequest("Unknown channel."));

    private static Task<IResult> DirectFeedAsync(string person, long? after, PlaygroundService playground, IPlaygroundFeedStore feed, TimeProvider time, CancellationToken cancellationToken) =>
        PlaygroundPeople.Find(person) is { } known
            ? FeedAsync(FeedKind.Direct, known.Id, after, playground, feed, time, cancellationToken)
            : Task.FromResult(BadRequest("Unknown person."));

    private static async Task<IResult> FeedAsync(
        FeedKind kind, string address, long? after, PlaygroundService playground, IPlaygroundFeedStore feed, TimeProvider time, CancellationToken cancellationToken)
    {
        var items = await feed.ReadAsync(kind, address, Math.Max(0, after ?? 0), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var rendered = new List<string>(items.Count);
        foreach (var item in items)
        {
            rendered.Add(await playground.RenderItemAsync(item, cancellationToken).ConfigureAwait(false));
        }

        return Results.Ok(new
        {
            now = now,
            nowText = ClockText(now),
            items = items.Select((i, index) => new
            {
                id = i.Id,
                at = i.At,
                atText = ClockText(i.At),
                author = i.Author is { } a ? PlaygroundPeople.Find(a)?.Name ?? a : "PromiseBot",
                source = i.Source.ToString().ToLowerInvariant(),
                html = rendered[index],
            }),
        });
    }

    private static Task<IResult> RunAsync(
        ILoggerFactory loggers, PlaygroundService playground, Func<Task<PlaygroundReply>> work, CancellationToken cancellationToken) =>
        RunAsync(loggers, playground, async () => Answer(await work().ConfigureAwait(false)), cancellationToken);

    private static async Task<IResult> RunAsync(
        ILoggerFactory loggers, PlaygroundService playground, Func<Task<IResult>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The one catch of this entry point: a bug or a storage failure, never the user's text. The person gets a
            // reply in the page like any other (HTTP 200), never a bare 500.
            LogFailed(loggers.CreateLogger("PromiseBot.Playground"), ex, "command");
            return Answer(playground.SomethingWentWrong());
        }
    }

    private static IResult Answer(PlaygroundReply reply) => Results.Ok(new
    {
        html = reply.Html,
        visibility = reply.Visibility.ToLowerInvariant(),
        tone = reply.Tone.ToLowerInvariant(),
        summary = reply.Summary,
        now = reply.Now,
        nowText = ClockText(reply.Now),
    });

    private static bool TryWho(string? personId, string? channelId, out PlaygroundPerson? person, out PlaygroundChannel? channel, out IResult? problem)
    {
        person = PlaygroundPeople.Find(personId);
        channel = PlaygroundPeople.FindChannel(channelId);
        problem = person is null ? BadRequest("Unknown person: choose one of the demo people.")
            : channel is null ? BadRequest("Unknown channel: choose one of the demo channels.")
            : null;
        return problem is null;
    }

    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context) where T : class
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (limited.Length + read > MaxBodyBytes)
                {
                    return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
                }

                limited.Write(buffer, 0, read);
            }

            if (limited.Length == 0)
            {
                return (null, BadRequest("Send a JSON body."));
            }

            limited.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(limited, Json, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, BadRequest("Send a JSON object.")) : (value, null);
        }
        catch (JsonException)
        {
            return (null, BadRequest("That is not the JSON this endpoint reads."));
        }
        catch (BadHttpRequestException ex)
        {
            // The client broke the body off or framed it wrongly (Kestrel reports it while it is read).
            return (null, Results.Text("the request body could not be read", statusCode: ex.StatusCode));
        }
    }

    private static IResult BadRequest(string error) => Results.BadRequest(new { error });

    private sealed record CommandRequest(string? Person, string? Channel, string? Text, string? RequestId);

    private sealed record ActionRequest(string? Person, string? Channel, string? Action, int? Number, int? Version, string? When, string? RequestId);

    private sealed record FormRequest(
        string? Person, string? Channel, string? Title, string? Due, string? Customer, string? Category, string? Owner, string? Backup, string? RequestId, string? Aim = null, string? Risk = null);

    private sealed record RecoveryRequest(
        string? Person, string? Channel, int? Number, string? CustomerTold, string? ApologyGiven, string? Cause, string? CauseText, string? Fix, string? Prevention, string? RequestId);

    private sealed record AdvanceRequest(int? Minutes, int? Hours, int? Days);

    private sealed record JumpRequest(string? Person, string? At);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Playground is off ({Reason}); set PromiseBot__Playground=true to turn it on")]
    private static partial void LogOff(ILogger logger, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Playground is on ({Reason}); it uses its own database {DataSource}")]
    private static partial void LogOn(ILogger logger, string reason, string dataSource);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Playground is on while Slack or Teams credentials are set: they share the playground database and its movable clock. Set PromiseBot__Playground=false in production")]
    private static partial void LogSharedWithPlatforms(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Playground: {Url}")]
    private static partial void LogUrl(ILogger logger, string url);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Playground {What} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
