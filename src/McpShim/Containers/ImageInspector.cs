using System.Text.Json;
using McpShim.Containers.EngineApi;
using McpShim.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpShim.Containers;

/// <summary>Reads an image's id, user and default command; a missing image or engine becomes a clear error.</summary>
internal static class ImageInspector
{
    /// <summary>
    /// Through the Engine API when it is reachable (<see cref="EngineApiCalls"/>), else <c>ENGINE image inspect</c>:
    /// the same document either way, and the same message for a missing image.
    /// </summary>
    public static async Task<ImageInspection> InspectAsync(EngineCli cli, string image, ILogger? logger, CancellationToken cancellationToken)
    {
        if (EngineApiCalls.TryCall(
                cli, logger ?? NullLogger.Instance, "image inspect", connection => EngineInspectApi.Image(connection, image),
                (endpoint, error) => EngineProblems.ExplainApi(cli.Engine, "image inspect", endpoint, error, image), out var inspection))
        {
            return inspection;
        }

        var result = await cli.RunAsync(["image", "inspect", "--format", "{{json .}}", image], cancellationToken: cancellationToken);
        if (!result.Succeeded)
            throw new StartupException(EngineProblems.Explain(cli.Engine, "image inspect", result, image));
        try
        {
            return JsonSerializer.Deserialize(result.Stdout, ShimJsonContext.Default.ImageInspection)
                ?? throw new StartupException($"'{cli.Engine} image inspect {image}' returned nothing.");
        }
        catch (JsonException ex)
        {
            throw new StartupException($"could not read '{cli.Engine} image inspect {image}': {ex.Message}", ex);
        }
    }

    /// <summary>"name@sha256:..." for the audit: the tag as configured and the exact image that ran.</summary>
    public static string Describe(string image, ImageInspection inspection) =>
        inspection.Id is { Length: > 0 } id ? $"{image}@{id}" : image;
}
