using FollowUp.SelfHost;

var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(arg => arg != "--demo").ToArray());
await using var localStorage = await builder.AddFollowUpSelfHostAsync(demo);
var app = builder.Build();
app.MapFollowUpSelfHost();
await app.RunAsync();

/// <summary>The self-host's entry point, named so that tests can host it.</summary>
public partial class Program;
