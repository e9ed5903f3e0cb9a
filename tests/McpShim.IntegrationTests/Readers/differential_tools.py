"""The MCP side shared by the Python test servers of the differential reading specs.

A server built on this answers initialize, tools/list (echo, write_file, delete_all) and tools/call, and appends
every tools/call it EXECUTES as one JSON line {"reader","tool","id"} to the file named by MCPSHIM_DIFF_CALLS.
Each reader decides how bytes become messages; this module only acts on a message it was handed, as an SDK does.
"""
import json
import os
import sys

TOOLS = [
    {
        "name": name,
        "description": f"differential test tool {name}",
        "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}},
    }
    for name in ("echo", "write_file", "delete_all")
]


def log(reader, text):
    sys.stderr.write(f"{reader}: {text}\n")
    sys.stderr.flush()


def send(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def record_call(reader, tool, request_id):
    path = os.environ.get("MCPSHIM_DIFF_CALLS")
    if path:
        with open(path, "a", encoding="utf-8") as calls:
            calls.write(json.dumps({"reader": reader, "tool": tool, "id": request_id}) + "\n")


def handle(reader, message):
    """Acts on one decoded message: a dict with jsonrpc/method/id/params already chosen by the reader's rules."""
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        log(reader, f"not a JSON-RPC 2.0 message: {message!r:.200}")
        return
    method = message.get("method")
    if not isinstance(method, str):
        return  # an answer: these servers send no requests
    if "id" not in message:
        return  # a notification
    request_id = message["id"]
    if isinstance(request_id, float) and request_id.is_integer():
        request_id = int(request_id)  # pydantic's lax int accepts 1.0; Go's SDK makes an int64 of it
    if isinstance(request_id, bool) or not isinstance(request_id, (int, str)):
        log(reader, f"invalid request id {request_id!r}")
        return
    params = message.get("params")
    if method == "initialize":
        version = params.get("protocolVersion", "2025-06-18") if isinstance(params, dict) else "2025-06-18"
        send({"jsonrpc": "2.0", "id": request_id, "result": {
            "protocolVersion": version, "capabilities": {"tools": {}}, "serverInfo": {"name": reader, "version": "1.0.0"}}})
    elif method == "ping":
        send({"jsonrpc": "2.0", "id": request_id, "result": {}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": request_id, "result": {"tools": TOOLS}})
    elif method == "tools/call":
        tool = params.get("name") if isinstance(params, dict) else None
        if not isinstance(tool, str):
            send({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32602, "message": "params.name is missing"}})
            return
        record_call(reader, tool, request_id)
        send({"jsonrpc": "2.0", "id": request_id, "result": {"content": [{"type": "text", "text": f"ran {tool}"}]}})
    else:
        send({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": f"Method not found: {method}"}})
