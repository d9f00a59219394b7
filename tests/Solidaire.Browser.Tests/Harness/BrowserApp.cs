using Microsoft.Playwright;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Harness;

/// <summary>
/// The built app, run as a process over the shared Azurite (standalone mode: web/ at /, the API at /api on
/// the same origin), and Debian's headless Chromium driven by Playwright. One per test collection (its own
/// process, table prefix, mail folder and Chromium), so the collections run side by side; each test opens its
/// own browser context, so nothing (language choice, cookies) leaks between tests.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    // Playwright's own browser download is not available here: Debian's Chromium is used instead.
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private AppProcess? _app;
    private StaticSite? _site;
    private string? _workFolder;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app serves both the page and the API, e.g. http://127.0.0.1:5123.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// web/ served apart, on another origin, configured to call the app's API (which allows that origin
    /// in its CORS setting): the page hosted as a separate static website.
    /// </summary>
    public string StaticSiteOrigin => _site?.Origin ?? "";

    /// <summary>The app's email pickup folder: one .eml file per email sent.</summary>
    public string MailFolder { get; private set; } = "";

    public string AppOutput => _app?.Output ?? "";

    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Tokens signed as the app signs them, on <paramref name="time"/> (the machine's clock by default).</summary>
    public Solidaire.Core.Tokens.TokenService Tokens(TimeProvider? time = null) => new(
        Microsoft.Extensions.Options.Options.Create(new Solidaire.Core.Tokens.TokenOptions
        {
            SigningKeys = new Dictionary<string, string>(StringComparer.Ordinal) { ["browser"] = SigningKey },
            ActiveSigningKeyId = "browser",
        }),
        time ?? TimeProvider.System);

    /// <summary>The app's tables, through a client of the test's own: to set a stage no screen makes (the anonymous counts of past months).</summary>
    public Solidaire.Core.Storage.Tables Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(10_000);
        var azurite = await Azurite.Shared;
        var work = _workFolder = Directory.CreateTempSubdirectory("solidaire-browser-").FullName;
        MailFolder = Path.Combine(work, "mail");
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        _site = StaticSite.Start(apiBase: BaseUrl + "/");
        var settings = TestSettings.For(azurite.ConnectionString, TestSettings.NewTablePrefix(), work);
        Tables = new Solidaire.Core.Storage.Tables(
            Microsoft.Extensions.Options.Options.Create(new Solidaire.Core.Storage.StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = settings["Storage:TablePrefix"]! }),
            new Solidaire.Core.Storage.StorageRequestCounter());
        settings["Cors:AllowedOrigins"] = _site.Origin;
        // Emailed links (staff sign-in, invitations) point at this app, so a test follows them as a person would.
        settings["Site:BaseUrl"] = BaseUrl;
        // A signing key the tests know, to make the links a step not built yet would email (feedback: the closure).
        settings["Tokens:SigningKeys:browser"] = SigningKey;
        settings["Tokens:ActiveSigningKeyId"] = "browser";
        // A period an operator changed: the privacy page must state it, not the default it is written with.
        settings["Retention:AccessLogDays"] = "400";
        _app = AppProcess.Start(TestSettings.AsEnvironment(settings), port);
        await _app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (no stored language) with one page, at the given viewport.</summary>
    public async Task<BrowserSession> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        if (_site is not null)
            await _site.DisposeAsync();
        if (_workFolder is not null)
            Directory.Delete(_workFolder, recursive: true);
    }
}

public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}

/// <summary>The public pages (intake, contract, feedback, complaint, erasure, site, API page, mailbox): one app, tests one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}

/// <summary>
/// The staff console, on an app and a Chromium of its own: it runs alongside <see cref="BrowserCollection"/>
/// (xunit runs collections in parallel). Each collection's tests still run one after the other, against
/// tables and a mail folder no other collection writes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StaffConsoleCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser: staff console";
}
