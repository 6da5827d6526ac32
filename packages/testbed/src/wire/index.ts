// @netprog/testbed/wire: what happened on the wire, shown so a student can read it.
//
// Fixtures record a transcript per connection (or per UDP socket) into a WireLog; these are the
// pieces a grader or a test uses to show them: a formatter, the first differing byte against a
// reference, a one-line verdict, a pcapng file for Wireshark, and the explainers for a hang, a
// leaked socket and a socket error.

// Explaining a hang, a leak, an error.
export type { SocketView } from './explain/describe-sockets.ts';
export { describeSockets, socketViews } from './explain/describe-sockets.ts';
export type { ErrnoContext } from './explain/explain-errno.ts';
export { explainErrno } from './explain/explain-errno.ts';
export type { HangFacts } from './explain/explain-hang.ts';
export { explainHang } from './explain/explain-hang.ts';
export { explainLeak } from './explain/explain-leak.ts';
// A pcapng file Wireshark opens, synthesised from transcripts.
export { SYNTHESISED, toPcapng } from './pcap/to-pcapng.ts';
export { findEnds, markTestEnd, probeQueues, probeWire } from './record/probe-queues.ts';
export type { Conversation, ConverseOptions, TapClientOptions } from './record/recording-client.ts';
export { converse, tapClient } from './record/recording-client.ts';
export { tapSocket } from './record/tap-socket.ts';
// Recording: the data type, the log, and the test's recording client for server exercises.
export type {
  Endpoint,
  EndState,
  Side,
  Transcript,
  WireEvent,
  WireEventKind,
} from './record/transcript.ts';
export { bytesSent, otherSide, sentParts } from './record/transcript.ts';
export type { RecordDescription, WireLogOptions } from './record/wire-log.ts';
export {
  ConnectionRecord,
  defaultWireLog,
  runWithWireLog,
  setDefaultWireLog,
  WireLog,
  wireLogFor,
} from './record/wire-log.ts';
export type { QuotedBytes } from './show/escape-bytes.ts';
export { escapeByte, escapeTokens, quoteBytes } from './show/escape-bytes.ts';
export type { FirstDifferenceOptions } from './show/first-difference.ts';
export { firstDifference, firstDifferenceAt } from './show/first-difference.ts';
// Showing: pure functions from transcripts and bytes to text.
export type { FormatTranscriptOptions } from './show/format-transcript.ts';
export { formatTranscript } from './show/format-transcript.ts';
export type { Masked } from './show/mask-varying.ts';
export { maskVarying, VARIES } from './show/mask-varying.ts';
export { formatEndpoint } from './show/roles.ts';
export { verdictOf } from './show/verdict.ts';
