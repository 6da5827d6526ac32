// Chapter 1's library code: printing results Python's way, and comparing the two resolvers.
export { parsePortOrService } from './port-or-service.ts';
export { callLines, notAsked, printCall, printLocalCall } from './print-call.ts';
export {
  familyNumber,
  formatAddrinfo,
  formatFailure,
  formatHostEntry,
  pyList,
  pyStr,
  sockTypeNumber,
} from './python-repr.ts';
export type { PathAnswer, TwoAnswers } from './two-paths.ts';
export { bothPaths, describeAnswer, sameAnswer } from './two-paths.ts';
