using System.Buffers;
using System.Text.Json;
using McpShim.Logging;
using McpShim.Relay;

namespace McpShim.Policy;

internal sealed partial class PolicyEnforcer
{
    /// <summary>
    /// One page of the server's answer to the client's <c>tools/list</c>: what mcpshim learns from it, and the page
    /// without the tools the policy hides. Unchanged pages are forwarded as they came.
    /// </summary>
    private FrameVerdict FilterToolList(RequestKey id, bool firstPage, in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        if (info.IsErrorResponse)
            return FrameVerdict.Forward;
        var page = ToolListPage.Read(frame, info.ResultStart);
        if (page is null)
        {
            Log.ToolListUnreadable(_logger, "could not be read");
            return FrameVerdict.Replace(JsonRpcErrors.Build(id.ToJson(), JsonRpcErrors.InternalError,
                $"mcpshim: the server's tools/list answer could not be read, so the tool policy of profile '{_profile}' cannot filter it; it was not passed on."));
        }

        var definitions = page.ReadDefinitions(frame);
        var keep = new bool[definitions.Count];
        lock (_gate)
        {
            var readable = definitions.OfType<ToolDefinition>();
            if (firstPage && page.NextCursor is null)
                _tools.ReplaceAll(readable); // the whole list in one page
            else
                _tools.Add(readable);
            for (var i = 0; i < keep.Length; i++)
                keep[i] = definitions[i] is { } tool && HiddenBecause(tool) is null; // an unreadable tool is not listed
        }

        ReportUnpinned(definitions);
        return Array.TrueForAll(keep, k => k) ? FrameVerdict.Forward : FrameVerdict.Replace(ToolListFilter.Keep(frame, page, keep));
    }

    /// <summary>A page of mcpshim's own listing: consumed. The last page makes the list current and releases held calls.</summary>
    private FrameVerdict OnOwnToolListPage(string id, in FrameInfo info, ReadOnlySpan<byte> frame)
    {
        var page = info.IsErrorResponse ? null : ToolListPage.Read(frame, info.ResultStart);
        var definitions = page?.ReadDefinitions(frame) ?? [];
        byte[]? next = null;
        List<HeldToolCall>? released = null;
        lock (_gate)
        {
            if (_refresh?.PageId != id)
            {
                // A page of a listing restarted since (the server changed its tools again), of no listing at all, or
                // the server answering a request mcpshim sent the client: none of them counts.
                Log.StrayAnswerDropped(_logger, Direction.ServerToClient, id);
                return FrameVerdict.Drop;
            }

            _ids.Complete(id);
            _refresh.Tools.AddRange(definitions.OfType<ToolDefinition>());
            if (page?.NextCursor is { } cursor)
            {
                _refresh.PageId = _ids.Issue();
                next = ListRequest(ShimRequestIds.ToJson(_refresh.PageId), cursor);
            }
            else
            {
                // Done (or the server failed: then what it gave is all mcpshim knows, and unknown tools are refused
                // wherever the policy needs their definition).
                _tools.ReplaceAll(_refresh.Tools);
                _refresh = null;
                released = _held.Values.Where(c => !c.AwaitingConfirmation).OrderBy(c => c.Sequence).ToList();
                foreach (var call in released)
                    _held.Remove(call.Id);
            }
        }

        if (page is null)
            Log.ToolListUnreadable(_logger, info.IsErrorResponse ? "an error" : "unreadable");
        ReportUnpinned(definitions);
        if (next is not null)
            _toServer.Send(next);
        foreach (var call in released ?? [])
            Release(call);
        return FrameVerdict.Drop;
    }

    /// <summary><c>notifications/tools/list_changed</c>: forwarded, and mcpshim lists the tools again itself.</summary>
    private void OnToolsChanged()
    {
        if (!_policy.NeedsToolDefinitions)
            return; // allow/deny go by name only: nothing to refresh
        byte[] request;
        lock (_gate)
        {
            _tools.MarkStale();
            request = StartRefresh(); // restarts a listing in flight: its later pages are dropped
        }

        Log.ToolsRefreshing(_logger, "the server announced notifications/tools/list_changed");
        _toServer.Send(request);
    }

    /// <summary>Begins mcpshim's own listing (a listing in flight is dropped); call under <see cref="_gate"/>.</summary>
    private byte[] StartRefresh()
    {
        if (_refresh is not null)
            _ids.Complete(_refresh.PageId);
        _refresh = new ToolListRefresh(_ids.Issue());
        return ListRequest(ShimRequestIds.ToJson(_refresh.PageId), cursor: null);
    }

    /// <summary>Why a listed tool is hidden (a <see cref="DenialReason"/>), or null when the client may see it.</summary>
    private string? HiddenBecause(ToolDefinition tool) =>
        _policy.HidingRule(tool.Name) is not null ? DenialReason.PolicyDeny
        : _pins is not null && _pins.StateOf(tool) != PinState.Pinned ? DenialReason.Unpinned
        : _policy.ReadOnly && !tool.ReadOnlyHint ? DenialReason.ReadOnly
        : null;

    /// <summary>The first time this session meets a tool that is not as pinned: one stderr line, one audit line.</summary>
    private void ReportUnpinned(IReadOnlyList<ToolDefinition?> definitions)
    {
        if (_pins is null || _pins.Problem is not null)
            return; // nothing pinned at all: said once when the session started
        foreach (var tool in definitions)
        {
            if (tool is null || _policy.HidingRule(tool.Name) is not null)
                continue;
            var state = _pins.StateOf(tool);
            if (state == PinState.Pinned)
                continue;
            bool first;
            lock (_gate)
                first = _reported.Add("unpinned " + tool.Name + " " + tool.Hash);
            if (!first)
                continue;
            var change = state == PinState.Changed ? "changed" : "new";
            Log.ToolUnpinned(_logger, _profile, tool.Name, state == PinState.Changed ? "changed since it was pinned" : "is new since the tools were pinned");
            _audit.ToolUnpinned(tool.Name, change, _pins.PinnedHash(tool.Name), tool.Hash);
        }
    }

    /// <summary>mcpshim's own <c>tools/list</c>; in a stateless (2026-07-28) session it carries the client's protocol <c>_meta</c>.</summary>
    private byte[] ListRequest(string rawId, string? cursor)
    {
        var meta = _tracker.Protocol.Era == SessionProtocol.Stateless ? _tracker.Protocol.ClientMeta : null;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            JsonRpcErrors.StartMessage(w, rawId);
            w.WriteString("method", ToolsList);
            w.WriteStartObject("params");
            if (cursor is not null)
                w.WriteString("cursor", cursor);
            if (meta is not null)
            {
                w.WritePropertyName("_meta");
                w.WriteRawValue(meta, skipInputValidation: true);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
