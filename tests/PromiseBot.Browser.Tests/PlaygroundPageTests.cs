using Microsoft.Playwright;
using PromiseBot.Testing;

namespace PromiseBot.Browser.Tests;

/// <summary>
/// The playground page in headless Debian chromium (ExecutablePath=/usr/bin/chromium; never `playwright install`).
/// A missing chromium fails the test with the line that installs it: a browser test that silently skips proves nothing.
/// </summary>
public sealed class PlaygroundPageTests
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task PromiseReminderDigestAndDone_WorkFromThePage()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium`.");
        using var db = new TempDatabase();
        using var server = new PlaygroundServer(db.ConnectionString);
        var url = server.Listen();
        Assert.Equal("127.0.0.1", url.Host);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(url.ToString());

        var timeline = page.Locator("#timeline");
        var dms = page.Locator("#dms");
        var composer = page.Locator("#composer");
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Mon 23 Nov 2026");
        await page.Locator("#person").SelectOptionAsync("maya");
        await page.Locator("#channel").SelectOptionAsync("general");

        // Create a promise due tomorrow (Tue 17:00 in Maya's New York), then list it.
        await composer.FillAsync("/promise add Send the quote to Acme tomorrow for Acme");
        await composer.PressAsync("Enter");
        await Assertions.Expect(timeline).ToContainTextAsync("New promise #1");
        await composer.FillAsync("list");
        await composer.PressAsync("Enter");
        var listed = timeline.Locator(".msg.ephemeral .r-line[data-number='1']");
        await Assertions.Expect(listed).ToContainTextAsync("Send the quote to Acme");

        // Keyboard-first: the arrow keys walk back through what was typed.
        await composer.PressAsync("ArrowUp");
        await Assertions.Expect(composer).ToHaveValueAsync("list");
        await composer.PressAsync("ArrowUp");
        await Assertions.Expect(composer).ToHaveValueAsync("/promise add Send the quote to Acme tomorrow for Acme");
        await composer.PressAsync("ArrowDown");
        await composer.PressAsync("ArrowDown");
        await Assertions.Expect(composer).ToHaveValueAsync("");

        // Due Tue 17:00 with the default 20% buffer: the aim is Tue 10:48, so a day later (Tue 10:00) the reminder
        // ladder has reached "at risk" (4 h before the aim) and the owner's DM says the aim and the deadline.
        await Assertions.Expect(dms.Locator(".msg")).ToHaveCountAsync(0);
        await page.Locator("#plus-day").ClickAsync();
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Tue 24 Nov 2026");
        await Assertions.Expect(dms.Locator(".r-line[data-number='1']")).ToContainTextAsync("At risk");
        await Assertions.Expect(dms.Locator(".r-line[data-number='1']")).ToContainTextAsync("we aim for Tue 24 Nov 10:48");

        // Post the channel digest, then click Done on it.
        var before = await timeline.Locator(".msg.from-bot").CountAsync();
        await composer.FillAsync("/promise digest");
        await composer.PressAsync("Enter");
        await Assertions.Expect(timeline.Locator(".msg.from-bot")).ToHaveCountAsync(before + 1);
        var digest = timeline.Locator(".msg.from-bot").Last;
        await Assertions.Expect(digest.Locator(".r-line[data-number='1']")).ToContainTextAsync("Send the quote to Acme");
        await digest.Locator("button[data-action='done'][data-number='1']").ClickAsync();
        await Assertions.Expect(timeline).ToContainTextAsync("done, on time");
        await Assertions.Expect(timeline.Locator(".r-line.state-done[data-number='1']").Last).ToBeVisibleAsync();

        // The done confirmation asks for the customer's score: a click records it.
        await timeline.Locator("button[data-command='feedback 1 4']").Last.ClickAsync();
        await Assertions.Expect(timeline).ToContainTextAsync("Recorded customer feedback for #1");

        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "playground.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheNewPromiseForm_ShowsProblemsUnderTheirFields_ThenMakesThePromise()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium`.");
        using var db = new TempDatabase();
        using var server = new PlaygroundServer(db.ConnectionString);
        var url = server.Listen();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(url.ToString());
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Mon 23 Nov 2026");
        await page.Locator("#person").SelectOptionAsync("maya");

        await page.Locator("#new-button").ClickAsync();
        var form = page.Locator("#new-form");
        await form.Locator("input[name='title']").FillAsync("Send the quote to Acme");
        await form.Locator("input[name='due']").FillAsync("next week");
        await form.Locator("select[name='backup']").SelectOptionAsync("maya");
        await form.Locator("button[type='submit']").ClickAsync();

        await Assertions.Expect(form.Locator(".field-error[data-for='backup']")).ToHaveTextAsync("Pick someone other than the owner.");
        await Assertions.Expect(form.Locator(".field-error[data-for='due']")).ToContainTextAsync("next week");
        await Assertions.Expect(page.Locator("#timeline")).Not.ToContainTextAsync("New promise #1");

        await form.Locator("input[name='due']").FillAsync("Friday 5pm");
        await form.Locator("select[name='backup']").SelectOptionAsync("sam");
        await form.Locator("button[type='submit']").ClickAsync();

        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("New promise #1");
        await Assertions.Expect(form).ToBeHiddenAsync();
        Assert.Empty(errors);
    }
}
