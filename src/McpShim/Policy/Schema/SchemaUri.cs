using System.Text;

namespace McpShim.Policy.Schema;

/// <summary>
/// RFC 3986 reference resolution for <c>$id</c>, <c>$ref</c> and <c>$dynamicRef</c>, done by hand: System.Uri
/// takes "/x" for a file path on Unix, and rewrites what it parses; a schema's identifiers are compared as text.
/// </summary>
internal static class SchemaUri
{
    /// <summary>The base every schema without an <c>$id</c> has: a URN, so no relative reference leaves it by accident.</summary>
    public const string DefaultBase = "urn:mcpshim:inputSchema";

    /// <summary><paramref name="reference"/> resolved against <paramref name="baseUri"/> (RFC 3986 section 5.2.2).</summary>
    public static string Resolve(string baseUri, string reference)
    {
        var r = Parse(reference);
        if (r.Scheme is not null)
            return Compose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        var b = Parse(baseUri);
        if (r.Authority is not null)
            return Compose(b.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        if (r.Path.Length == 0)
            return Compose(b.Scheme, b.Authority, b.Path, r.Query ?? b.Query, r.Fragment);
        if (r.Path[0] == '/')
            return Compose(b.Scheme, b.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        var merged = b.Authority is not null && b.Path.Length == 0
            ? "/" + r.Path
            : b.Path[..(b.Path.LastIndexOf('/') + 1)] + r.Path;
        return Compose(b.Scheme, b.Authority, RemoveDotSegments(merged), r.Query, r.Fragment);
    }

    /// <summary>The URI without its fragment, and the fragment (empty when there is none).</summary>
    public static (string Resource, string Fragment) Split(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (uri, string.Empty) : (uri[..hash], uri[(hash + 1)..]);
    }

    /// <summary>A fragment's percent-escapes decoded (a JSON pointer such as <c>/$defs/a%20b</c>).</summary>
    public static string Unescape(string fragment) =>
        fragment.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(fragment) : fragment;

    private static (string? Scheme, string? Authority, string Path, string? Query, string? Fragment) Parse(string uri)
    {
        string? fragment = null, query = null, scheme = null, authority = null;
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = uri[(hash + 1)..];
            uri = uri[..hash];
        }

        var question = uri.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = uri[(question + 1)..];
            uri = uri[..question];
        }

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && char.IsAsciiLetter(uri[0]) && uri[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && uri.IndexOf('/', StringComparison.Ordinal) is var slash && (slash < 0 || slash > colon))
        {
            scheme = uri[..colon].ToLowerInvariant();
            uri = uri[(colon + 1)..];
        }

        if (uri.StartsWith("//", StringComparison.Ordinal))
        {
            var end = uri.IndexOf('/', 2);
            authority = end < 0 ? uri[2..] : uri[2..end];
            uri = end < 0 ? string.Empty : uri[end..];
        }

        return (scheme, authority, uri, query, fragment);
    }

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var text = new StringBuilder();
        if (scheme is not null)
            text.Append(scheme).Append(':');
        if (authority is not null)
            text.Append("//").Append(authority);
        text.Append(path);
        if (query is not null)
            text.Append('?').Append(query);
        if (!string.IsNullOrEmpty(fragment))
            text.Append('#').Append(fragment);
        return text.ToString();
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
            return path;
        var output = new List<string>();
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                if (last)
                    output.Add(string.Empty);
            }
            else if (segment == "..")
            {
                if (output.Count > 1 || (output.Count == 1 && output[0].Length > 0))
                    output.RemoveAt(output.Count - 1);
                if (last)
                    output.Add(string.Empty);
            }
            else
            {
                output.Add(segment);
            }
        }

        var joined = string.Join('/', output);
        return path.StartsWith('/') && !joined.StartsWith('/') ? "/" + joined : joined;
    }
}
