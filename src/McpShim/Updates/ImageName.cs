namespace McpShim.Updates;

/// <summary>An image reference split into repository and tag, and the tag <c>mcpshim update</c> keeps the previous image under.</summary>
internal sealed record ImageName(string Repository, string Reference)
{
    /// <summary>
    /// <c>REPOSITORY:mcpshim-rollback</c>: the image a profile used before its last <c>mcpshim update</c> (README,
    /// "Updates"). <c>mcpshim rollback</c> returns to it.
    /// </summary>
    public const string RollbackTag = "mcpshim-rollback";

    public string RollbackReference => $"{Repository}:{RollbackTag}";

    /// <summary><c>registry:5000/team/server:1.2</c> → (<c>registry:5000/team/server</c>, the whole); a digest pin keeps its repository.</summary>
    public static ImageName Parse(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
            return new ImageName(image[..at], image);
        var colon = image.LastIndexOf(':');
        var repository = colon > image.LastIndexOf('/') ? image[..colon] : image;
        return new ImageName(repository, image);
    }

    /// <summary>12 hex digits of an image id, as <c>docker images</c> shows it.</summary>
    public static string Short(string? id) =>
        id is null ? "(none)" : id.StartsWith("sha256:", StringComparison.Ordinal) && id.Length >= 19 ? id[7..19] : id;
}
