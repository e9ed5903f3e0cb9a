// A Node MCP client (the official TypeScript SDK, as Node-based apps use it): starts the command given after the
// size, calls the server's 'echo' tool with a message of SIZE characters, and prints what came back as JSON.
// Node gives its children socketpairs for stdio, not pipes, so mcpshim writes its answers into a socket.
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');

(async () => {
  const [size, command, ...args] = process.argv.slice(2);
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  const client = new Client({ name: 'echo-large', version: '1.0.0' });
  await client.connect(transport);
  const message = 'é'.repeat(Number(size) - 1) + '!';
  const result = await client.callTool({ name: 'echo', arguments: { message } });
  const text = result.content[0].text;
  console.log(JSON.stringify({ sent: message.length, received: text.length, intact: text.endsWith(message) }));
  await client.close();
})().catch(error => {
  console.error('echo-large failed:', error);
  process.exit(1);
});
