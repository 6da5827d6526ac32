// @netprog/ch03-client: the library code behind chapter 3's examples (the TCP client).

export { runBounded, WorkQueue } from './bounded-pool.ts';
export type { SweepEngine, SweepOptions, SweepOutcome } from './fast-scan/connect-sweep.mjs';
export { DEFAULT_ENGINE, sweepPorts } from './fast-scan/connect-sweep.mjs';
export type { FastScanOptions, FastScanReport } from './fast-scan/fast-scan.ts';
export { fastScan } from './fast-scan/fast-scan.ts';
export { handlesUnavailable, loadTcpWrap } from './fast-scan/handles-engine.mjs';
export type { HttpGetOptions, HttpGetResult, HttpUrl } from './http-get.ts';
export { buildGetRequest, HttpUrlError, httpGet, parseHttpUrl } from './http-get.ts';
export type {
  BodyFraming,
  HttpParseErrorCode,
  HttpResponse,
  HttpResponseHead,
} from './http-response-parser.ts';
export {
  getHeader,
  HttpParseError,
  HttpResponseParser,
  parseHttpResponse,
  parseStatusLine,
} from './http-response-parser.ts';
export type { LookupAll, ScanTarget } from './loopback-target.ts';
export {
  isLoopbackAddress,
  OPT_IN_FLAG,
  resolveScanTarget,
  TargetLookupError,
  TargetRefusedError,
} from './loopback-target.ts';
export { formatPortSpec, MAX_PORT, MIN_PORT, PortSpecError, parsePortSpec } from './port-spec.ts';
export type { PortState, ProbeVerdict } from './port-state.ts';
export { classifyConnectResult } from './port-state.ts';
export { pythonRaises } from './python-raises.ts';
export type { RecvLoopOptions } from './read-until-eof.ts';
export { recvUntilEof } from './read-until-eof.ts';
export { EarlyEofError, recvExactly } from './recv-exactly.ts';
export type { Probe, ProbeResult, ScanOptions, ScanReport } from './scanner.ts';
export { connectExProbe, ScanError, scan } from './scanner.ts';
