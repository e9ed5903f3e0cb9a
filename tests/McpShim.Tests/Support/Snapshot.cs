using System.Runtime.CompilerServices;

namespace McpShim.Tests.Support;

/// <summary>
/// A small stand-in for Verify: compares text with <c>TestFile.Name.verified.txt</c> beside the test source (LF
/// endings). On a difference or a missing file it writes <c>.received.txt</c> and fails; accept by renaming it.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.GetDirectoryName(testFile)!;
        var stem = Path.GetFileNameWithoutExtension(testFile);
        var verified = Path.Combine(folder, $"{stem}.{name}.verified.txt");
        var received = Path.Combine(folder, $"{stem}.{name}.received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"snapshot differs: compare {received} with {verified}, and rename it if the change is right."
            : $"no snapshot yet: check {received} and rename it to {Path.GetFileName(verified)}.");
    }
}
