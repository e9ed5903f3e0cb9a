using System.Text.Json;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpShim.IntegrationTests;

/// <summary>Requests the server sends to the client mid-call (sampling, elicitation) travel back through mcpshim.</summary>
public sealed class ServerToClientRequestSpecs
{
    // Sampling is deprecated from spec 2026-07-28 (SEP-2577), but server-everything still sends it and MCP hosts
    // still answer it, so mcpshim must relay it.
#pragma warning disable MCP9005
    [DockerFact(Timeout = 90_000)]
    public async Task I_can_answer_a_sampling_request_from_the_server()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("sampling");
        string? promptSeen = null;
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                SamplingHandler = (request, _, _) =>
                {
                    promptSeen = string.Concat(request!.Messages.SelectMany(m => m.Content).OfType<TextContentBlock>().Select(c => c.Text));
                    return ValueTask.FromResult(new CreateMessageResult
                    {
                        Content = [new TextContentBlock { Text = "sampled-answer-7d1c" }],
                        Model = "integration-test-model",
                        Role = Role.Assistant,
                    });
                },
            },
        };

        await using var session = await sandbox.ConnectAsync(profile, options);
        var result = await session.Client.CallToolAsync(
            "trigger-sampling-request",
            new Dictionary<string, object?> { ["prompt"] = "what is the answer?", ["maxTokens"] = 32 });

        Assert.True(result.IsError is not true, ShimSession.TextOf(result));
        Assert.Contains("what is the answer?", promptSeen);
        Assert.Contains("sampled-answer-7d1c", ShimSession.TextOf(result));
        Assert.Contains("integration-test-model", ShimSession.TextOf(result));
    }
#pragma warning restore MCP9005

    [DockerFact(Timeout = 90_000)]
    public async Task I_can_answer_an_elicitation_request_from_the_server()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var profile = sandbox.AddEverythingProfile("elicit");
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    Assert.NotNull(request?.RequestedSchema);
                    return ValueTask.FromResult(new ElicitResult
                    {
                        Action = "accept",
                        Content = new Dictionary<string, JsonElement>
                        {
                            ["name"] = JsonSerializer.SerializeToElement("Ada Lovelace"),
                            ["check"] = JsonSerializer.SerializeToElement(true),
                        },
                    });
                },
            },
        };

        await using var session = await sandbox.ConnectAsync(profile, options);
        var result = await session.Client.CallToolAsync("trigger-elicitation-request", new Dictionary<string, object?>());

        var text = ShimSession.TextOf(result);
        Assert.True(result.IsError is not true, text);
        Assert.Contains("- Name: Ada Lovelace", text);
        Assert.Contains("- Agreed to terms: true", text);
    }
}
