// Run: pnpm tsx packages/testbed/examples/wire.ts
// What a failing test can show a student: the wire between their client and a fixture, the
// verdict on how it ended, and the first byte where their request differs from the reference's.
import { once } from 'node:events';
import net from 'node:net';
import { listenHttp } from '@netprog/testbed';
import { bytesSent, firstDifference, formatTranscript } from '@netprog/testbed/wire';

await using target = await listenHttp({ body: 'hello' });
// A client with two mistakes: a bare \n ends its request line, and it never closes its socket.
const client = net.connect({ port: target.port, host: '127.0.0.1', allowHalfOpen: true });
client.write('GET / HTTP/1.1\nHost: 127.0.0.1\r\n\r\n');
client.resume();
await once(client, 'end'); // the target answered and closed its side
await target.close(); // the test ends: the target reads the kernel's view, then closes
client.destroy();

const [transcript] = target.wire.transcripts();
if (transcript === undefined) throw new Error('the target recorded no connection');
console.log(formatTranscript(transcript, { width: 90 }));
console.log();
const request = bytesSent(transcript, 'client').bytes;
console.log(firstDifference(request, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { width: 90 }));
