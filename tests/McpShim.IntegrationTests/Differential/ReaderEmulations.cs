namespace McpShim.IntegrationTests.Differential;

/// <summary>The mainstream readers mcpshim's one reading must agree with (issue 13).</summary>
internal static class ReaderEmulations
{
    public static IReadOnlyList<IReaderEmulation> All { get; } =
        [new JavaScriptLineReader(), new PythonUniversalNewlineReader(), new GoDecoderReader(), new CSharpSdkReader()];
}
