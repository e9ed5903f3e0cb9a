namespace McpShim.IntegrationTests.Differential;

/// <summary>One line the fuzzer sends (its '\n' included) and the mutations that made it, for the failure report.</summary>
internal sealed record FuzzFrame(long Id, byte[] Bytes, string Mutations);
