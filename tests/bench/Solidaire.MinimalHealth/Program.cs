// The start-up baseline (tests/bench/Solidaire.Benchmarks, startup): what ASP.NET Core alone costs
// from process start to a first 200 on /api/health, with the same Kestrel and --urls as the app.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/health", () => Results.Ok());
app.Run();
