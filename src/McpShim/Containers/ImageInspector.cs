using System.Text.Json;
using McpShim.Json;

namespace McpShim.Containers;

/// <summary>Reads an image's id, user and default command; a missing image or engine becomes a clear error.</summary>
internal static class ImageInspector
{
    public static async Task<ImageInspection> InspectAsync(EngineCli cli, string image, CancellationToken cancellationToken)
    {
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
