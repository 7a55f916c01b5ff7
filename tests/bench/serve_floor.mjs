// The floor of any scoring server built on node:http, for the serve bench: it reads each body and
// parses its JSON, as every server must, then answers a fixed text (serve.mjs's own answer to the
// same row) without checking or scoring anything. Loaded beside serve.mjs in alternating slices, it
// shows how much of a latency figure is the machine's and Node's rather than serve.mjs's.
// Usage: node serve_floor.mjs ANSWER_JSON (prints {"event":"listening","url":…} once listening).
import http from 'node:http';

const answer = process.argv[2];
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/invocations') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${server.address().port}` })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
