using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using McpShim.Platform;

namespace McpShim.Containers;

/// <summary>
/// The <c>io.mcpshim.config</c> label of a warm container: <c>v2.SALT.MAC</c>, where MAC is an HMAC-SHA256 over a
/// per-container random salt and everything the container was made with, secret values included (issue 14: a
/// changed secret recreates it). The key is 32 random bytes in the state folder, yours alone, so the label shows
/// nothing of the values: whoever can read labels (anyone the engine lets inspect) but not your files cannot even
/// test a guessed secret against it. The salt keeps two containers made alike from carrying the same label.
/// </summary>
internal static class WarmConfigDigest
{
    private const string Version = "v2";
    private const int KeyBytes = 32;

    /// <summary>
    /// Loads the key and the platform's crypto library (OpenSSL on Linux: tens of milliseconds the first time) so a
    /// session can do it beside its other start-up work, off the path to the exec.
    /// </summary>
    public static byte[] Prepare(string folder)
    {
        var key = LoadKey(folder);
        _ = Format([], key, []);
        return key;
    }

    public static string New(byte[] key, IReadOnlyList<string> parts) => Format(RandomNumberGenerator.GetBytes(16), key, parts);

    /// <summary>Whether <paramref name="label"/> was made from these parts with this key (false for any other label).</summary>
    public static bool Matches(string? label, byte[] key, IReadOnlyList<string> parts)
    {
        var fields = (label ?? string.Empty).Split('.');
        if (fields.Length != 3 || fields[0] != Version)
            return false;
        byte[] salt;
        try
        {
            salt = Convert.FromHexString(fields[1]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Format(salt, key, parts)), Encoding.ASCII.GetBytes(label!));
    }

    /// <summary>The key, made on first use: written whole to a temporary file, then linked into place, so a racing session reads all of it or makes its own first.</summary>
    public static byte[] LoadKey(string folder)
    {
        var path = Path.Combine(folder, "config.key");
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                var key = File.ReadAllBytes(path);
                if (key.Length == KeyBytes)
                    return key;
                if (attempt > 0)
                    throw new StartupException($"the warm-container key {path} is damaged ({key.Length} bytes, not {KeyBytes}). Remove it; mcpshim makes a new one (warm containers are then recreated once).");
            }

            ShimPlatform.Current.Files.CreatePrivateFolder(folder);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            ShimPlatform.Current.Files.CreateOwnerOnly(options);
            using (var stream = new FileStream(temporary, options))
                stream.Write(RandomNumberGenerator.GetBytes(KeyBytes));
            try
            {
                File.Move(temporary, path, overwrite: false); // fails when another session made it first: use theirs
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
        }
    }

    private static string Format(byte[] salt, byte[] key, IReadOnlyList<string> parts)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        mac.AppendData(salt);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            // Length-prefixed, so no two different lists of parts read as the same bytes.
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            mac.AppendData(length);
            mac.AppendData(bytes);
        }

        return $"{Version}.{Convert.ToHexStringLower(salt)}.{Convert.ToHexStringLower(mac.GetHashAndReset())}";
    }
}
