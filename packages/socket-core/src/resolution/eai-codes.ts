// The EAI_* error numbers of getaddrinfo(3), per platform: what Python's socket.gaierror carries.

/** One getaddrinfo error: its name, its number on Linux (glibc) and macOS, and what it means. */
export interface EaiCode {
  readonly name: string;
  readonly linux: number;
  readonly darwin: number;
  /** glibc's gai_strerror() text (macOS words some differently, e.g. EAI_NONAME). */
  readonly meaning: string;
}

/**
 * getaddrinfo's error codes. Linux values checked against Python's `socket.EAI_*` on glibc;
 * macOS values from its <netdb.h>. Unlike errno values they are NOT in `os.constants`, and Node
 * does not pass them on: it maps them to libuv codes (EAI_NONAME → code 'ENOTFOUND', errno -3008
 * on every platform), so we keep the table here to tell learners what Python would print.
 */
export const eaiReference: ReadonlyArray<EaiCode> = [
  { name: 'EAI_BADFLAGS', linux: -1, darwin: 3, meaning: 'Bad value for ai_flags' },
  { name: 'EAI_NONAME', linux: -2, darwin: 8, meaning: 'Name or service not known' },
  { name: 'EAI_AGAIN', linux: -3, darwin: 2, meaning: 'Temporary failure in name resolution' },
  { name: 'EAI_FAIL', linux: -4, darwin: 4, meaning: 'Non-recoverable failure in name resolution' },
  { name: 'EAI_NODATA', linux: -5, darwin: 7, meaning: 'No address associated with hostname' },
  { name: 'EAI_FAMILY', linux: -6, darwin: 5, meaning: 'ai_family not supported' },
  { name: 'EAI_SOCKTYPE', linux: -7, darwin: 10, meaning: 'ai_socktype not supported' },
  { name: 'EAI_SERVICE', linux: -8, darwin: 9, meaning: 'Servname not supported for ai_socktype' },
  {
    name: 'EAI_ADDRFAMILY',
    linux: -9,
    darwin: 1,
    meaning: 'Address family for hostname not supported',
  },
];

/**
 * The EAI_* entry for a name, with this platform's number (Linux values elsewhere: glibc's are
 * what most readers see, and Windows' WSA codes do not line up with either).
 *
 * @example
 * eaiCode('EAI_NONAME') // { name: 'EAI_NONAME', errno: -2, meaning: 'Name or service not known' } on Linux
 */
export function eaiCode(name: string): { name: string; errno: number; meaning: string } {
  const entry = eaiReference.find((e) => e.name === name);
  if (entry === undefined)
    throw new Error(`eaiCode: unknown getaddrinfo error ${name}; see eaiReference.`);
  const errno = process.platform === 'darwin' ? entry.darwin : entry.linux;
  return { name: entry.name, errno, meaning: entry.meaning };
}
