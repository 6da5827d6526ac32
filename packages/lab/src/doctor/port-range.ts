// Doctor's check of the ephemeral port range, pure: the ports the kernel hands out for port 0
// and for clients' own ends. Every fixture, every connect and the port scanner's tests take
// their ports from it.
import type { DoctorCheck } from './doctor-check.ts';

/** Fewer ephemeral ports than this is a warning. */
export const FEW_EPHEMERAL_PORTS = 10_000;

/** Where Linux keeps the range. */
export const PORT_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';

/**
 * Judges the text of ip_local_port_range (`32768\t60999\n`; undefined when it could not be read)
 * on `platform`.
 * @example
 * judgePortRange('32768\t60999\n', 'linux').detail; // '32768–60999 (28,232 ports)'
 */
export function judgePortRange(text: string | undefined, platform: string): DoctorCheck {
  const name = 'ephemeral ports';
  if (platform !== 'linux') return { name, status: 'ok', detail: `not checked on ${platform}` };
  const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(text ?? '');
  if (!match) {
    const what = text === undefined ? 'cannot be read' : `reads ${JSON.stringify(text.trim())}`;
    return {
      name,
      status: 'warn',
      detail: `not checked: ${PORT_RANGE_FILE} ${what}`,
    };
  }
  const low = Number(match[1]);
  const high = Number(match[2]);
  const count = Math.max(0, high - low + 1);
  const range = `${low}–${high} (${count.toLocaleString('en-US')} ports)`;
  if (count < FEW_EPHEMERAL_PORTS) {
    return {
      name,
      status: 'warn',
      detail: `${range}: fewer than ${FEW_EPHEMERAL_PORTS.toLocaleString('en-US')}, and the fixtures and the port scanner's tests use many; widen it with \`sudo sysctl -w net.ipv4.ip_local_port_range="32768 60999"\``,
    };
  }
  return { name, status: 'ok', detail: range };
}
