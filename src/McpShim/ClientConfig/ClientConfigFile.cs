using System.Globalization;
using System.Text;
using McpShim.Platform;

namespace McpShim.ClientConfig;

/// <summary>
/// Reading and replacing a client's file: its UTF-8 byte-order mark is kept, a timestamped copy is made first
/// (<c>FILE.mcpshim-backup-YYYYMMDDTHHMMSSZ</c>), and the new text replaces the file in one rename, with the old
/// file's permissions (<c>~/.claude.json</c> is often 0600).
/// </summary>
internal static class ClientConfigFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The file's text without its BOM, whether it had one; null when the file does not exist.</summary>
    public static (string Text, bool Bom)? Read(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
                return null;
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClientConfigException($"{path}: cannot be read: {ex.Message}", ex);
        }

        var bom = bytes.AsSpan().StartsWith(ByteOrderMark);
        try
        {
            return (Utf8.GetString(bytes.AsSpan(bom ? 3 : 0)), bom);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ClientConfigException($"{path}: not UTF-8 text. Save it as UTF-8, then run mcpshim config again.", ex);
        }
    }

    /// <summary>Copies the file beside itself, named for <paramref name="now"/> (UTC); returns the copy's path.</summary>
    public static string Backup(string path, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var backup = $"{path}.mcpshim-backup-{stamp}";
        for (var n = 2; File.Exists(backup); n++)
            backup = $"{path}.mcpshim-backup-{stamp}-{n}";
        try
        {
            File.Copy(path, backup);
            ShimPlatform.Current.Files.CopyAccess(path, backup);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClientConfigException($"{path}: could not write the backup {backup}: {ex.Message}. Nothing was changed.", ex);
        }

        return backup;
    }

    /// <summary>Writes a temporary file beside <paramref name="path"/>, then renames it over the file.</summary>
    public static void Write(string path, string text, bool bom)
    {
        // A file kept in a dotfiles repository is often a symlink: replace its target, not the link.
        if (File.Exists(path) && new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            path = target.FullName;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.mcpshim-{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                if (bom)
                    stream.Write(ByteOrderMark);
                stream.Write(Utf8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
                ShimPlatform.Current.Files.CopyAccess(path, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new ClientConfigException($"{path}: could not be written: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The error being reported matters more than a stray temporary file.
        }
    }
}
