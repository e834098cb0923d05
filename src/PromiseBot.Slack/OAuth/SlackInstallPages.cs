using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace PromiseBot.Slack.OAuth;

/// <summary>
/// The small HTML pages a person sees at the end of an install. Everything that came from outside (workspace names,
/// Slack's error codes) is HTML-encoded; the pages load nothing and are never cached.
/// </summary>
internal static class SlackInstallPages
{
    public static IResult For(SlackInstallOutcome outcome, string installPath) => outcome switch
    {
        SlackInstallOutcome.Installed installed => Page(
            StatusCodes.Status200OK, "PromiseBot is installed",
            $"PromiseBot is installed in <strong>{Encode(installed.DisplayName)}</strong>; try <code>/promise help</code> in any channel."),
        SlackInstallOutcome.Cancelled => Page(
            StatusCodes.Status200OK, "Install cancelled",
            $"You cancelled the install, so nothing was changed. You can {Again(installPath)} whenever you like."),
        SlackInstallOutcome.Refused refused => Page(StatusCodes.Status400BadRequest, "This install link did not work", Explain(refused.Reason, installPath)),
        SlackInstallOutcome.SlackFailed failed => Page(
            StatusCodes.Status400BadRequest, "Slack did not finish the install",
            $"Slack answered <code>{Encode(failed.Error)}</code>, so PromiseBot was not installed. Please {Again(installPath)}."),
        SlackInstallOutcome.SlackUnreachable => Page(
            StatusCodes.Status502BadGateway, "Could not reach Slack",
            $"PromiseBot could not reach Slack to finish the install. Please wait a minute and {Again(installPath)}."),
        _ => Failed(installPath),
    };

    /// <summary>For a bug: a polite page, the details only in the log.</summary>
    public static IResult Failed(string installPath) => Page(
        StatusCodes.Status500InternalServerError, "Something went wrong",
        $"PromiseBot could not finish the install. Please {Again(installPath)}; if it keeps happening, tell whoever runs PromiseBot.");

    private static string Explain(SlackInstallRefusal reason, string installPath) => reason switch
    {
        SlackInstallRefusal.MissingState =>
            $"The link has no <code>state</code>, so PromiseBot cannot tell which install it belongs to. Please {Again(installPath)}.",
        SlackInstallRefusal.WrongBrowser =>
            $"This install was started in another browser, or the browser did not keep PromiseBot's cookie. Please {Again(installPath)} in this browser.",
        SlackInstallRefusal.UnknownState =>
            $"PromiseBot did not hand out this link. Please {Again(installPath)}.",
        SlackInstallRefusal.ExpiredState =>
            $"The link has expired: an install must be finished within {(int)SlackInstallFlow.StateLifetime.TotalMinutes} minutes. Please {Again(installPath)}.",
        SlackInstallRefusal.AlreadyUsed =>
            $"This link was already used. If PromiseBot is not in your workspace yet, please {Again(installPath)}.",
        SlackInstallRefusal.MissingCode =>
            $"Slack did not send an authorization code. Please {Again(installPath)}.",
        _ => $"Please {Again(installPath)}.",
    };

    private static string Again(string installPath) => $"<a href=\"{Encode(installPath)}\">start the install again</a>";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static IResult Page(int status, string title, string messageHtml) => new HtmlPage(status, $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · PromiseBot</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}h1{font-size:1.4rem}code{background:#f4f4f4;padding:0 .2em}</style>
        </head>
        <body>
        <h1>{{Encode(title)}}</h1>
        <p>{{messageHtml}}</p>
        </body>
        </html>
        """);

    private sealed class HtmlPage(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            NoStore(response);
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }

    /// <summary>
    /// Install responses carry single-use secrets (the state, or a code in the URL): never cached, never sent on as a
    /// Referer, and nothing loaded from elsewhere.
    /// </summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
    }
}
