using System.Text.Json.Serialization;
using McpShim.Containers;
using McpShim.Profiles;

namespace McpShim.Json;

/// <summary>
/// The one source-generated JSON context. Reflection-based JSON is off in the AOT binary and in the unit-test build,
/// so every type read or written with the serializer must be listed here.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ProfilesDocument))]
[JsonSerializable(typeof(EngineSpec))]
[JsonSerializable(typeof(Policy.PinsDocument))]
[JsonSerializable(typeof(ImageInspection))]
[JsonSerializable(typeof(McpShim.Smoke.SmokeReport))]
[JsonSerializable(typeof(Containers.EngineApi.ExecCreateRequest))]
[JsonSerializable(typeof(Containers.EngineApi.ExecCreateResponse))]
[JsonSerializable(typeof(Containers.EngineApi.ExecStartRequest))]
[JsonSerializable(typeof(Containers.EngineApi.ExecInspection))]
[JsonSerializable(typeof(Containers.EngineApi.EngineApiError))]
[JsonSerializable(typeof(Containers.EngineApi.ContainerInspection))]
[JsonSerializable(typeof(List<Containers.EngineApi.ContainerSummary>))]
[JsonSerializable(typeof(Audit.OpenSessionRecord))]
[JsonSerializable(typeof(Containers.EngineApi.ContainerCreateRequest))]
[JsonSerializable(typeof(Containers.EngineApi.ContainerCreateResponse))]
[JsonSerializable(typeof(Containers.EngineApi.ContainerWaitResponse))]
[JsonSerializable(typeof(Containers.EngineApi.EngineInfo))]
internal sealed partial class ShimJsonContext : JsonSerializerContext;
