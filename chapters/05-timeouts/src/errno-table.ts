// errno numbers are not portable: ETIMEDOUT is 110 on Linux and 60 on macOS. Names are portable.
// This formats a table of this machine's numbers beside the Linux and macOS reference values, so
// a reader can see why the Python notes (written on a Mac) print 60, 35 and 36.

/** One reference row: socket-core's `errnoReference` has exactly this shape. */
export interface ErrnoRow {
  readonly name: string;
  readonly linux: number;
  readonly darwin: number;
  readonly meaning: string;
}

export interface ErrnoTableOptions {
  /** This platform's name -> number map: pass `os.constants.errno`. */
  here: Readonly<Record<string, number | undefined>>;
  /** A label for the "here" column, e.g. 'linux' (process.platform). */
  platform: string;
}

// #region format
/**
 * Formats the rows as a fixed-width text table: name, this platform's number, Linux, macOS,
 * what Node puts in `err.errno` here (the negative number, libuv's convention), and the meaning.
 * Rows whose Linux and macOS numbers differ are marked with `*`; '-' means this platform's table
 * (Node's os.constants.errno) has no such name.
 *
 * @example
 * formatErrnoTable([{ name: 'ETIMEDOUT', linux: 110, darwin: 60, meaning: 'connection timed out' }],
 *   { here: { ETIMEDOUT: 110 }, platform: 'linux' });
 * // name        here (linux)  Linux  macOS  err.errno  meaning
 * // ETIMEDOUT*            110    110     60       -110  connection timed out
 */
export function formatErrnoTable(rows: readonly ErrnoRow[], options: ErrnoTableOptions): string {
  const header = ['name', `here (${options.platform})`, 'Linux', 'macOS', 'err.errno', 'meaning'];
  const cells = rows.map((row) => {
    const here = options.here[row.name];
    return [
      row.linux === row.darwin ? row.name : `${row.name}*`,
      here === undefined ? '-' : String(here),
      String(row.linux),
      String(row.darwin),
      here === undefined ? '-' : String(-here),
      row.meaning,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => (cell[column] ?? '').length)),
  );
  // Names and meanings read left to right; numbers line up on the right.
  const line = (cell: readonly string[]) =>
    cell
      .map((text, column) => {
        const width = widths[column] ?? 0;
        if (column === cell.length - 1) return text;
        return column === 0 ? text.padEnd(width) : text.padStart(width);
      })
      .join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}
// #endregion format

/**
 * The rows whose number differs between Linux and macOS: the ones that make copied numbers wrong.
 *
 * @example
 * differingRows(errnoReference).map((row) => row.name) // ['EAGAIN', 'EINPROGRESS', 'ETIMEDOUT', ...]
 */
export function differingRows(rows: readonly ErrnoRow[]): ErrnoRow[] {
  return rows.filter((row) => row.linux !== row.darwin);
}
