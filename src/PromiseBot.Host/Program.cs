using PromiseBot.Host.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddPromiseBot();

var app = builder.Build();
app.UsePromiseBot();
app.Run();

/// <summary>Entry point; public so tests can host the whole app with WebApplicationFactory.</summary>
public partial class Program;
