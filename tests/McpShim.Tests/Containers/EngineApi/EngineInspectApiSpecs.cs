using McpShim.Containers.EngineApi;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>The inspections a session start makes over the Engine API, against a fake engine on a Unix socket.</summary>
public sealed class EngineInspectApiSpecs
{
    [Theory]
    [InlineData("mcpshim/everything:latest", "/images/mcpshim/everything:latest/json")]
    [InlineData("ghcr.io/acme/server@sha256:0123abcd", "/images/ghcr.io/acme/server@sha256:0123abcd/json")]
    [InlineData("localhost:5000/team/srv_x-1.2:v1.0", "/images/localhost:5000/team/srv_x-1.2:v1.0/json")]
    [InlineData("bad name", "/images/bad%20name/json")]
    [InlineData("x?all=1#y%2F", "/images/x%3Fall%3D1%23y%252F/json")]
    [InlineData("a\r\nHost: evil", "/images/a%0D%0AHost:%20evil/json")]
    public void An_image_name_goes_into_the_path_with_its_slashes_colons_and_at_signs_and_everything_else_escaped(string image, string path) =>
        Assert.Equal(path, EngineInspectApi.ImagePath(image));

    [Fact]
    public void I_can_read_an_image_s_id_user_and_command_from_the_engine_s_own_document()
    {
        using var engine = new FakeEngine((request, connection) =>
        {
            FakeEngine.Answer(connection, 200, "OK", SampleDocuments.Image, chunked: true);
            return true;
        });
        using var connection = EngineApiConnection.Open(engine.Endpoint, TimeSpan.FromSeconds(5));

        var image = EngineInspectApi.Image(connection, "ghcr.io/acme/server@sha256:0123abcd");

        Assert.Equal("sha256:c70bb01663a32e204e8d2086ccae83d57edaa3d6f10dc9f99387663b3e543197", image.Id);
        Assert.Equal("node", image.Config?.User);
        Assert.Equal(["docker-entrypoint.sh"], image.Config?.Entrypoint ?? []);
        Assert.Equal(["node", "dist/index.js", "stdio"], image.Config?.Cmd ?? []);
        Assert.Equal("/app", image.Config?.WorkingDir);
        Assert.True(Assert.Single(engine.Requests).Is("GET", "/images/ghcr.io/acme/server@sha256:0123abcd/json"));
    }

    [Fact]
    public void A_missing_image_is_the_engine_s_404_with_its_message()
    {
        using var engine = new FakeEngine((request, connection) =>
        {
            FakeEngine.Answer(connection, 404, "Not Found", """{"message":"No such image: acme/missing:1"}""");
            return true;
        });
        using var connection = EngineApiConnection.Open(engine.Endpoint, TimeSpan.FromSeconds(5));

        var error = Assert.Throws<EngineApiException>(() => EngineInspectApi.Image(connection, "acme/missing:1"));

        Assert.Equal(404, error.Status);
        Assert.Equal("No such image: acme/missing:1", error.EngineMessage);
    }

    [Fact]
    public void I_can_read_a_container_s_state_and_labels_and_a_missing_container_is_null_on_the_same_connection()
    {
        using var engine = new FakeEngine((request, connection) =>
        {
            if (request.Is("GET", "/containers/mcpshim-memory-alice/json"))
                FakeEngine.Answer(connection, 200, "OK", SampleDocuments.RunningContainer("1000", "cafe"));
            else
                FakeEngine.Answer(connection, 404, "Not Found", """{"message":"No such container: mcpshim-memory-bob"}""");
            return true;
        });
        using var connection = EngineApiConnection.Open(engine.Endpoint, TimeSpan.FromSeconds(5));

        var alice = EngineInspectApi.Container(connection, "mcpshim-memory-alice");
        var bob = EngineInspectApi.Container(connection, "mcpshim-memory-bob");

        Assert.True(alice?.State?.Running);
        Assert.Equal("1000", alice?.Label("io.mcpshim.owner.uid"));
        Assert.Equal("cafe", alice?.Label("io.mcpshim.config"));
        Assert.Null(alice?.Label("io.mcpshim.absent"));
        Assert.Null(bob);
    }

    [Theory]
    [InlineData("<html><body>Welcome to nginx!</body></html>")]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    public void An_answer_that_is_not_the_engine_s_JSON_is_an_IOException_not_an_empty_inspection(string body)
    {
        using var engine = new FakeEngine((request, connection) =>
        {
            FakeEngine.Answer(connection, 200, "OK", body);
            return true;
        });
        using var connection = EngineApiConnection.Open(engine.Endpoint, TimeSpan.FromSeconds(5));

        Assert.Throws<IOException>(() => EngineInspectApi.Image(connection, "mcpshim/everything"));
        Assert.Throws<IOException>(() => EngineInspectApi.Container(connection, "mcpshim-memory-alice"));
    }

    [Fact]
    public void Listing_containers_sends_the_label_filters_as_docker_ps_does()
    {
        using var engine = new FakeEngine((request, connection) =>
        {
            FakeEngine.Answer(connection, 200, "OK", """[{"Id":"0a1b","Names":["/mcpshim-memory-1a2b"],"Labels":{"io.mcpshim.owner.pid":"42"},"State":"exited"}]""");
            return true;
        });
        using var connection = EngineApiConnection.Open(engine.Endpoint, TimeSpan.FromSeconds(5));

        var listed = EngineInspectApi.Containers(connection, ["io.mcpshim.managed=true", "io.mcpshim.owner.host=box a"]);

        var container = Assert.Single(listed);
        Assert.Equal("0a1b", container.Id);
        Assert.Equal(["/mcpshim-memory-1a2b"], container.Names ?? []);
        var filters = Uri.EscapeDataString("""{"label":["io.mcpshim.managed=true","io.mcpshim.owner.host=box a"]}""");
        Assert.True(Assert.Single(engine.Requests).Is("GET", "/containers/json?all=1&filters=" + filters));
    }
}
