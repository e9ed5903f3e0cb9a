using McpShim.Platform;

namespace McpShim.Tests.Platform;

/// <summary>
/// An <see cref="IFileAccess"/> that records which private folders were asked for and appends through the Windows
/// implementation's <see cref="StreamAppendFile"/>, which runs anywhere.
/// </summary>
internal sealed class RecordingFileAccess : IFileAccess
{
    public List<string> PrivateFolders { get; } = [];

    public string? Describe(string file) => null;

    public AccessProblem? OthersCanWrite(string file) => null;

    public AccessProblem? OthersCanReadOrWrite(string file) => null;

    public void CreatePrivateFolder(string folder)
    {
        PrivateFolders.Add(folder);
        Directory.CreateDirectory(folder);
    }

    public void CreateOwnerOnly(FileStreamOptions options)
    {
    }

    public IAppendFile OpenAppend(string path) => new StreamAppendFile(path);

    public void CopyAccess(string from, string to)
    {
    }

    public string? RealPath(string path) => path;
}
