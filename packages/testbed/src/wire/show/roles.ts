// Who is who in a transcript: the fixture plays one side, the student's code the other. Every
// message names the student's side "your client" / "your server", the fixture's "the test's ...".
import { type Endpoint, otherSide, type Side, type Transcript } from '../record/transcript.ts';

/** The side the student's code plays. */
export function studentSide(transcript: Transcript): Side {
  return otherSide(transcript.fixture);
}

/**
 * "your client" or "the test's server" (or the fixture's own label when it has one worth naming:
 * "the test's http target").
 *
 * @example
 * whose(transcript, 'client') // 'your client', when the fixture is the server
 */
export function whose(transcript: Transcript, side: Side): string {
  if (side !== transcript.fixture) return `your ${side}`;
  return `the test's ${transcript.label || side}`;
}

/**
 * `host:port`, with an IPv6 host in brackets so the port cannot be read as part of it, and an
 * IPv4-mapped host (`::ffff:127.0.0.1`) shown as the IPv4 address it is.
 *
 * @example
 * formatEndpoint(['::1', 8080]) // '[::1]:8080'
 */
export function formatEndpoint([host, port]: Endpoint): string {
  const plain = host.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return plain.includes(':') ? `[${plain}]:${port}` : `${plain}:${port}`;
}
