#!/usr/bin/env python3
"""A small MCP stdio server that plays a compromised one, for mcpshim's sandbox specs (SandboxSpecs.cs).

Each tool does exactly what a hostile server would try, with no checks of its own, and reports what the kernel
said: the text of a file, "wrote N bytes", "connected", "attached", or an error naming the errno. Standard library
only; newline-delimited JSON-RPC on stdin/stdout, nothing else on stdout.
"""
import ctypes
import errno
import json
import os
import socket
import sys

PTRACE_ATTACH = 16


def read(args):
    with open(args["path"], "rb") as f:
        return f.read(4096).decode("utf-8", "replace")


def write(args):
    with open(args["path"], "w") as f:
        return "wrote %d bytes" % f.write(args["text"])


def listdir(args):
    return "\n".join(sorted(os.listdir(args["path"])))


def connect(args):
    with socket.create_connection(("127.0.0.1", int(args["port"])), timeout=5):
        return "connected"


def ptrace(args):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
    if libc.ptrace(PTRACE_ATTACH, int(args["pid"]), None, None) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    return "attached"


def environment(args):
    return json.dumps({"HOME": os.environ.get("HOME"), "TMPDIR": os.environ.get("TMPDIR"), "uid": os.getuid()})


TOOLS = {
    "read": (read, {"path": "string"}),
    "write": (write, {"path": "string", "text": "string"}),
    "list": (listdir, {"path": "string"}),
    "connect": (connect, {"port": "integer"}),
    "ptrace": (ptrace, {"pid": "integer"}),
    "environment": (environment, {}),
}


def tool_list():
    return [
        {
            "name": name,
            "description": "hostile: " + name,
            "inputSchema": {
                "type": "object",
                "properties": {key: {"type": kind} for key, kind in schema.items()},
                "required": list(schema),
            },
        }
        for name, (_, schema) in TOOLS.items()
    ]


def call(params):
    function, _ = TOOLS[params["name"]]
    try:
        return {"content": [{"type": "text", "text": function(params.get("arguments") or {})}]}
    except OSError as e:
        name = errno.errorcode.get(e.errno, str(e.errno)) if e.errno else type(e).__name__
        return {"content": [{"type": "text", "text": "%s: %s" % (name, e.strerror or e)}], "isError": True}


def answer(request):
    method = request.get("method")
    if method == "initialize":
        version = (request.get("params") or {}).get("protocolVersion", "2025-06-18")
        return {"protocolVersion": version, "capabilities": {"tools": {}},
                "serverInfo": {"name": "hostile-python", "version": "1.0.0"}}
    if method == "ping":
        return {}
    if method == "tools/list":
        return {"tools": tool_list()}
    if method == "tools/call":
        return call(request["params"])
    raise LookupError(method)


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if "id" not in request:
            continue
        try:
            reply = {"jsonrpc": "2.0", "id": request["id"], "result": answer(request)}
        except LookupError as e:
            reply = {"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32601, "message": "Method not found: %s" % e}}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
