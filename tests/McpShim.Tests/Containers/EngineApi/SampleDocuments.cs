namespace McpShim.Tests.Containers.EngineApi;

/// <summary>Engine API answers as dockerd gives them (trimmed, with fields mcpshim does not read left in).</summary>
internal static class SampleDocuments
{
    public const string Image = """
        {"Id":"sha256:c70bb01663a32e204e8d2086ccae83d57edaa3d6f10dc9f99387663b3e543197",
         "RepoTags":["mcpshim/everything:latest"],"RepoDigests":[],"Parent":"","Comment":"buildkit.dockerfile.v0",
         "Created":"2026-08-31T10:00:00.000000000Z","DockerVersion":"","Author":"",
         "Config":{"Hostname":"","User":"node","AttachStdin":false,"ExposedPorts":{"3001/tcp":{}},
                   "Env":["PATH=/usr/local/bin:/usr/bin","NODE_VERSION=22.1.0"],
                   "Cmd":["node","dist/index.js","stdio"],"Image":"","Volumes":null,"WorkingDir":"/app",
                   "Entrypoint":["docker-entrypoint.sh"],"OnBuild":null,"Labels":{"org.opencontainers.image.title":"everything"}},
         "Architecture":"amd64","Os":"linux","Size":187000000,
         "GraphDriver":{"Data":null,"Name":"overlay2"},"RootFS":{"Type":"layers","Layers":["sha256:aa","sha256:bb"]},
         "Metadata":{"LastTagTime":"0001-01-01T00:00:00Z"}}
        """;

    public static string RunningContainer(string ownerUid, string config, bool running = true) => $$$"""
        {"Id":"9f8e7d6c5b4a","Created":"2026-08-31T10:00:00Z","Path":"sleep","Args":["infinity"],
         "State":{"Status":"{{{(running ? "running" : "exited")}}}","Running":{{{(running ? "true" : "false")}}},"Paused":false,"Restarting":false,
                  "OOMKilled":false,"Dead":false,"Pid":4242,"ExitCode":0,"Error":"","StartedAt":"2026-08-31T10:00:01Z"},
         "Name":"/mcpshim-memory-alice","RestartCount":0,
         "Config":{"Hostname":"9f8e7d6c5b4a","User":"1000:1000","Env":["PATH=/usr/bin"],"Cmd":["infinity"],
                   "Labels":{"io.mcpshim.managed":"true","io.mcpshim.owner.uid":"{{{ownerUid}}}","io.mcpshim.config":"{{{config}}}"}},
         "HostConfig":{"ReadonlyRootfs":true,"CapDrop":["ALL"]}}
        """;
}
