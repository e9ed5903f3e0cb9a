// The integration tests drive Docker on a Unix host.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
