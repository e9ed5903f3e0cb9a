using System.ComponentModel;
using McpShim.Platform;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>How a short-lived command that cannot start is explained (issue 17): in the OS's words, not CliWrap's.</summary>
public sealed class ShortCommandSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact(Timeout = 20_000)]
    public async Task A_program_that_is_not_there_is_explained_in_the_OSs_words()
    {
        var ex = await Assert.ThrowsAsync<Win32Exception>(
            () => ShortCommand.RunAsync(ShortCommand.Create(_temp.File("no-such-engine"), ["version"]), TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Contains("No such file or directory", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to start a process", ex.Message, StringComparison.Ordinal);
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_file_that_is_not_executable_is_explained_in_the_OSs_words()
    {
        var path = _temp.File("engine");
        await File.WriteAllTextAsync(path, "#!/bin/sh\n");

        var ex = await Assert.ThrowsAsync<Win32Exception>(
            () => ShortCommand.RunAsync(ShortCommand.Create(path, ["version"]), TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Contains("Permission denied", ex.Message, StringComparison.Ordinal);
    }
}
