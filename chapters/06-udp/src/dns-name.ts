// What a DNS name may be before it goes on the wire (RFC 1035 §2.3.4, §3.1): labels of 1 to 63
// octets, at most 255 octets in all once each label has its length byte and the root its 0. A name
// that breaks these cannot be encoded: "a..b" has an empty label (a 0 byte ends a name), and a
// 64-octet label's length byte would read as a compression pointer. No server answers such a
// query, so the user would wait for a timeout; saying what is wrong at once is better.
import { UsageError } from '@netprog/cli';

/** The longest label, in octets. */
export const MAX_LABEL_OCTETS = 63;
/** The longest name on the wire, in octets (length bytes and the final 0 included). */
export const MAX_NAME_OCTETS = 255;

/** A name that cannot be a DNS name; a mistake in what the user typed, so exit code 2. */
export class DnsNameError extends UsageError {}

/**
 * Checks `name` (a trailing dot is allowed; "." alone is the root) and throws a DnsNameError
 * that says what is wrong, or returns its length on the wire.
 *
 * @example
 * checkDnsName('web.test')       // 10: 03 w e b 04 t e s t 00
 * checkDnsName('a..b')           // throws DnsNameError: name "a..b" has an empty label ...
 * checkDnsName('x'.repeat(64))   // throws DnsNameError: label "xxx...x" is 64 octets ...
 */
export function checkDnsName(name: string): number {
  if (name === '.') return 1;
  if (name === '') throw new DnsNameError('the name is empty; give a name such as web.test');
  const relative = name.endsWith('.') ? name.slice(0, -1) : name;
  let octets = 1; // the root's 0 byte
  for (const label of relative.split('.')) {
    const length = Buffer.byteLength(label, 'utf8');
    if (length === 0) {
      throw new DnsNameError(
        `name ${JSON.stringify(name)} has an empty label (two dots in a row, or a dot at the start); remove the extra dot`,
      );
    }
    if (length > MAX_LABEL_OCTETS) {
      throw new DnsNameError(
        `label ${JSON.stringify(label.length > 20 ? `${label.slice(0, 20)}...` : label)} is ${length} octets; a DNS label has at most ${MAX_LABEL_OCTETS} (RFC 1035 §2.3.4)`,
      );
    }
    octets += 1 + length;
  }
  if (octets > MAX_NAME_OCTETS) {
    throw new DnsNameError(
      `name is ${octets} octets on the wire (${relative.length} characters); a DNS name has at most ${MAX_NAME_OCTETS} (RFC 1035 §2.3.4)`,
    );
  }
  return octets;
}
