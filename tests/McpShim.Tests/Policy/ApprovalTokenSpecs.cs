using McpShim.Policy;

namespace McpShim.Tests.Policy;

public sealed class ApprovalTokenSpecs
{
    private readonly ManualTime _time = new();

    [Fact]
    public void A_token_is_redeemed_once_for_its_own_call()
    {
        var tokens = new ApprovalToken(_time);
        var token = tokens.Mint(Claims(tokens));

        var first = tokens.Redeem(token, "s1", "write_file", "h1", out _);
        var again = tokens.Redeem(token, "s1", "write_file", "h1", out var problem);

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Contains("used before", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s2", "write_file", "h1", "another session")]
    [InlineData("s1", "delete_file", "h1", "another call")]
    [InlineData("s1", "write_file", "h2", "another call")]
    public void A_token_is_refused_for_another_session_tool_or_arguments(string session, string tool, string hash, string why)
    {
        var tokens = new ApprovalToken(_time);

        Assert.Null(tokens.Redeem(tokens.Mint(Claims(tokens)), session, tool, hash, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_expires()
    {
        var tokens = new ApprovalToken(_time);
        var token = tokens.Mint(Claims(tokens));

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(tokens.Redeem(token, "s1", "write_file", "h1", out var problem));
        Assert.Contains("expired", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_process_cannot_make_or_read_a_valid_token()
    {
        var ours = new ApprovalToken(_time);
        var theirs = new ApprovalToken(_time);

        Assert.Null(ours.Redeem(theirs.Mint(Claims(theirs)), "s1", "write_file", "h1", out var problem));
        Assert.Contains("another mcpshim session", problem, StringComparison.Ordinal);
        Assert.Null(ours.Redeem("server-state-xyz", "s1", "write_file", "h1", out _));
    }

    [Fact]
    public void The_servers_state_rides_inside_the_token_and_comes_back_unchanged()
    {
        var tokens = new ApprovalToken(_time);
        var state = "opaque|state.with\"quotes\" and ü";

        var claims = tokens.Redeem(tokens.Mint(Claims(tokens) with { Approved = true, ServerState = state }), "s1", "write_file", "h1", out _);

        Assert.Equal(state, claims!.ServerState);
        Assert.True(claims.Approved);
    }

    private static ApprovalClaims Claims(ApprovalToken tokens) =>
        new("s1", "write_file", "h1", ApprovalToken.NewNonce(), tokens.Now + TimeSpan.FromMinutes(10), Approved: false, ServerState: null);

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
