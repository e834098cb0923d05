using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>The unauthenticated local mode (Agents Playground sends no token): Development and no app id only.</summary>
public sealed class TeamsLocalModeTests
{
    private sealed class DevelopmentHost(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:PromiseBot", connectionString);
            builder.UseSetting("PromiseBot:DefaultTimeZone", "America/New_York");
            builder.UseEnvironment("Development");
            // Without credentials the playground would be on and the host would use the playground's database.
            builder.UseSetting("PromiseBot:Playground", "false");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(BotHost.Start)));
        }
    }

    [Fact]
    public async Task InDevelopmentWithoutAppId_ActivitiesWithoutATokenAreServed()
    {
        using var db = new TempDatabase();
        await using var host = new DevelopmentHost(db.ConnectionString);
        using var client = host.CreateClient();
        var body = """
            { "type": "message", "id": "1", "channelId": "msteams", "serviceUrl": "http://localhost:56150/",
              "from": { "id": "29:dev", "name": "Dev" }, "recipient": { "id": "28:local-bot" },
              "conversation": { "id": "a:dev", "conversationType": "personal", "tenantId": "local" },
              "text": "Try the playground by Friday 5pm" }
            """;

        var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)response.StatusCode);
        using var c = new Microsoft.Data.Sqlite.SqliteConnection(db.ConnectionString);
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM promises WHERE workspace = 'teams:local'";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }
}
