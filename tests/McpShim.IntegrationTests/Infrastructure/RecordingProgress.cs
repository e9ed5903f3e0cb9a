using System.Collections.Concurrent;
using ModelContextProtocol;

namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps every progress update, synchronously (<see cref="Progress{T}"/> would post to a sync context and race
/// the assertions).
/// </summary>
internal sealed class RecordingProgress : IProgress<ProgressNotificationValue>
{
    private readonly ConcurrentQueue<ProgressNotificationValue> _updates = new();

    public IReadOnlyList<ProgressNotificationValue> Updates => [.. _updates];

    public void Report(ProgressNotificationValue value) => _updates.Enqueue(value);
}
