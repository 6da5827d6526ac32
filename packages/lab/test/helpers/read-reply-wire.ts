// What the grader shows for the `read-reply` fixture exercise (a client that never reads), masked
// with maskWire: the wire lab's test and the strangers lab's test both expect exactly this, the
// second to prove that strangers' connections change nothing in it.
export const readReplyWire = [
  'what your code was waiting on when the time ran out:',
  '· 127.0.0.1:PORT → 127.0.0.1:PORT is in CLOSE_WAIT: the peer closed and you never did (and 23 B arrived and were never read); did your code miss the end of file?',
  "· on the wire with the test's server 127.0.0.1:PORT: your client sent 0 B and got 23 B; the test's server closed at +T ms",
  "wire (your client 127.0.0.1:PORT ⇄ the test's server 127.0.0.1:PORT):",
  '+T ms → connect +T ms ← 23 B "hello from the server\\r\\n" +T ms ← FIN',
].join(' ');
