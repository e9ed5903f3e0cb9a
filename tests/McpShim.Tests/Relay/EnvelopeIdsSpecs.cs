using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

/// <summary>
/// The ids of a refused frame: each request it may answer gets an error, so none is found too few (the client would
/// wait for ever) and a frame with more than one is never taken for a single answer.
/// </summary>
public sealed class EnvelopeIdsSpecs
{
    [Fact]
    public void An_answer_after_a_bare_carriage_return_is_found_behind_the_first_object()
    {
        var frame = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"hi\"}}\r{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[]}}"u8;

        var ids = EnvelopeIds.Read(frame, out var canonical);

        Assert.Equal([RequestKey.FromNumber("2"u8)], ids);
        Assert.True(canonical);
    }

    [Fact]
    public void Two_ids_in_one_object_and_one_in_a_second_object_are_all_found_and_none_is_taken_for_the_single_one()
    {
        var frame = Encoding.UTF8.GetBytes("{\"id\":\"decoy\",\"result\":{},\"id\":7} {\"id\":8,\"result\":{}}");

        var ids = EnvelopeIds.Read(frame, out _);

        Assert.Equal([RequestKey.FromDecodedString("decoy"), RequestKey.FromNumber("7"u8), RequestKey.FromNumber("8"u8)], ids);
        Assert.Null(EnvelopeIds.Single(frame));
    }

    [Fact]
    public void Ids_read_before_the_frame_breaks_are_kept()
    {
        var frame = "{\"jsonrpc\":\"2.0\",\"id\":\"a\\u0062\",\"result\":{\"x\":[1,2,"u8;

        var ids = EnvelopeIds.Read(frame, out var canonical);

        Assert.Equal([RequestKey.FromDecodedString("ab")], ids);
        Assert.False(canonical);
    }
}
