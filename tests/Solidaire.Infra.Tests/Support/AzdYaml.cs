namespace Solidaire.Infra.Tests.Support;

/// <summary>
/// Reads the block-mapping subset of YAML that azure.yaml uses (nested "key: value" by indentation,
/// comments, no lists or flow style) into nested dictionaries. Anything else fails the read, so a
/// test never passes on a file it misunderstood.
/// </summary>
internal static class AzdYaml
{
    public static Dictionary<string, object> Parse(string text)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var stack = new Stack<(int Indent, Dictionary<string, object> Map)>();
        stack.Push((-1, root));
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(raw.TrimEnd('\r')).TrimEnd();
            if (line.Trim().Length == 0)
                continue;
            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line.Trim();
            if (content.StartsWith('-') || content.StartsWith('{') || content.StartsWith('[') || content.Contains('\t'))
                throw new FormatException($"azure.yaml line {lineNumber}: only block mappings are understood here: {content}");
            var colon = content.IndexOf(':');
            if (colon <= 0)
                throw new FormatException($"azure.yaml line {lineNumber}: expected 'key: value': {content}");
            var key = content[..colon].Trim();
            var value = Unquote(content[(colon + 1)..].Trim());

            while (stack.Peek().Indent >= indent)
                stack.Pop();
            var parent = stack.Peek().Map;
            if (!parent.TryAdd(key, value.Length == 0 ? new Dictionary<string, object>(StringComparer.Ordinal) : value))
                throw new FormatException($"azure.yaml line {lineNumber}: duplicate key '{key}'.");
            if (value.Length == 0)
                stack.Push((indent, (Dictionary<string, object>)parent[key]));
        }
        return root;
    }

    public static object? At(this Dictionary<string, object> map, params string[] path)
    {
        object? current = map;
        foreach (var key in path)
            current = current is Dictionary<string, object> m && m.TryGetValue(key, out var next) ? next : null;
        return current;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
            }
            else if (c is '\'' or '"')
                quote = c;
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
                return line[..i];
        }
        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
