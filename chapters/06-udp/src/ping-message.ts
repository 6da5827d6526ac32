// The pinger's message, as in Kurose & Ross's UDP pinger lab: "Ping <sequence number> <time>".
// The sequence number is what lets the client tell a reply to THIS ping from a late or
// duplicated reply to an earlier one: UDP itself numbers nothing.

/**
 * The text of one ping: `Ping <seq> <sent time>`, the send time in milliseconds since the epoch.
 *
 * @example
 * formatPing(3, 1732500000123) // 'Ping 3 1732500000123'
 */
export function formatPing(seq: number, sentAtMs: number): string {
  return `Ping ${seq} ${sentAtMs}`;
}

/**
 * The sequence number in a reply, or null when the reply is not a ping at all (an echo server
 * sends the ping back unchanged; the Kurose server upper-cases it, so case does not matter).
 *
 * @example
 * replySeq(Buffer.from('Ping 3 1732500000123')) // 3
 * replySeq(Buffer.from('PING 3 1732500000123')) // 3
 * replySeq(Buffer.from('hello')) // null
 */
export function replySeq(reply: Uint8Array): number | null {
  const match = /^ping (\d+) \d+$/i.exec(Buffer.from(reply).toString('latin1'));
  return match?.[1] === undefined ? null : Number(match[1]);
}
