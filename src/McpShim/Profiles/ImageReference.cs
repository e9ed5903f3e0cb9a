using System.Text.RegularExpressions;

namespace McpShim.Profiles;

/// <summary>
/// An image name as the engine's reference grammar (distribution/reference) defines it:
/// <c>[DOMAIN[:PORT]/]PATH[:TAG][@DIGEST]</c>, a lowercase path of components joined by <c>/</c>, each alphanumerics
/// separated by <c>.</c>, <c>_</c>, <c>__</c> or dashes; a tag of up to 128 word characters, dots and dashes; a digest
/// <c>ALGORITHM:HEX</c> (32 hex digits at least). The first component is a domain when it has a <c>.</c> or <c>:</c>,
/// is <c>localhost</c>, or has capitals. Nothing else reaches the engine, so no image can read as an option.
/// </summary>
internal sealed partial record ImageReference(string? Domain, string Path, string? Tag, string? Digest)
{
    private const int MaxNameLength = 255;

    /// <summary>The reference, or null with <paramref name="problem"/> saying what is wrong and the fix.</summary>
    public static ImageReference? Parse(string text, out string problem)
    {
        var (reference, why) = Read(text);
        problem = why is null ? string.Empty
            : $"'{ControlCharacters.Escape(text)}' is not an image reference: {why}. " +
              "Use e.g. \"mcpshim/everything:latest\", \"ghcr.io/owner/image:1.2\" or \"name@sha256:<64 hex digits>\".";
        return reference;
    }

    private static (ImageReference? Reference, string? Why) Read(string text)
    {
        static (ImageReference?, string?) Fail(string why) => (null, why);
        if (text.Length == 0)
            return Fail("it is empty");

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
                return Fail($"the digest '{ControlCharacters.Escape(digest)}' is not ALGORITHM:HEX with at least 32 hex digits");
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
                return Fail($"the tag '{ControlCharacters.Escape(tag)}' is not 1 to 128 letters, digits, '_', '.' and '-', starting with a letter, digit or '_'");
        }

        if (rest.Length > MaxNameLength)
            return Fail($"the name is longer than {MaxNameLength} characters");

        string? domain = null;
        var path = rest;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.Any(char.IsAsciiLetterUpper))
            {
                domain = first;
                path = rest[(slash + 1)..];
                if (!DomainPattern().IsMatch(domain))
                    return Fail($"the registry '{ControlCharacters.Escape(domain)}' is not a host name with an optional :PORT");
            }
        }

        if (!PathPattern().IsMatch(path))
        {
            return Fail(path.Any(char.IsAsciiLetterUpper)
                ? "the repository name must be lowercase"
                : "the repository is not lowercase letters and digits in components joined by '/', separated within by '.', '_', '__' or '-'");
        }

        return (new ImageReference(domain, path, tag, digest), null);
    }

    [GeneratedRegex("^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]{1,5})?\\z|^\\[[a-fA-F0-9:]+\\](?::[0-9]{1,5})?\\z")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\\z")]
    private static partial Regex PathPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\z")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}\\z")]
    private static partial Regex DigestPattern();
}
