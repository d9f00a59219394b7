using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Solidaire.Core.Outcomes;

namespace Solidaire.Functions.Http;

/// <summary>
/// Reads a JSON request body the same way for every function: media type, size limit and syntax are
/// checked here, so a function only ever sees a well-formed JSON object.
/// </summary>
public sealed class JsonRequestReader(IOptions<HttpOptions> options)
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 16,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static readonly Failure NotJson = new(FailureKind.UnsupportedMediaType, "unsupported_media_type", "Send the body as application/json (UTF-8).");
    public static readonly Failure Malformed = new(FailureKind.Malformed, "malformed_json", "The body is not valid JSON.");
    public static readonly Failure NotAnObject = new(FailureKind.Malformed, "malformed_json", "The body must be a JSON object.");

    public async Task<Outcome<JsonDocument>> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
            return NotJson;

        var limit = options.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
            return TooLarge(limit);

        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            while (length <= limit)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                length += read;
            }
            if (length > limit)
                return TooLarge(limit);

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.AsMemory(0, length), DocumentOptions);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
            {
                return Malformed;
            }
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return NotAnObject;
            }
            return Outcome<JsonDocument>.Ok(document);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Failure TooLarge(int limit) =>
        new(FailureKind.PayloadTooLarge, "payload_too_large", $"The body is larger than {limit} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
            return false;
        var charset = media.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return false;
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
