#!/bin/sh
# The mistake under test: a greeting on stdout, where only JSON-RPC may go (it belongs on stderr).
echo "Starting MCP server everything, please wait..."
exec node /opt/mcp/everything/node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio
