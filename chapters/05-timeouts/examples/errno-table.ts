// Run: pnpm tsx chapters/05-timeouts/examples/errno-table.ts
//
// errno: the same error has different numbers on Linux and macOS, and Node reports them negative.
// This prints this machine's numbers beside the reference values, then translates the numbers in
// the Python notes (written on a Mac) into what Linux prints.
import os from 'node:os';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { errnoName, errnoNumber, errnoReference, errorcode } from '@netprog/socket-core';
import { differingRows, formatErrnoTable } from '../src/errno-table.ts';

parseOrExit(defineCommand({ name: 'errno-table.ts' })); // no arguments: it reads this machine

console.log(`errno on this machine (${process.platform}) beside the Linux and macOS reference`);
console.log('(* = the number differs between Linux and macOS; err.errno = what Node reports here;');
console.log(" - = Node's os.constants.errno has no such name on this platform)\n");
console.log(
  formatErrnoTable(errnoReference, { here: os.constants.errno, platform: process.platform }),
);

console.log('\nThe Python notes were written on macOS. The same situations on Linux:');
for (const macNumber of [60, 35, 36]) {
  const row = errnoReference.find((entry) => entry.darwin === macNumber);
  if (row === undefined) continue;
  console.log(
    `  macOS ${macNumber} = ${row.name} = Linux ${row.linux} (this machine: ${errnoNumber(row.name)})`,
  );
}

console.log('\nNumber -> name and back on this machine (Python: errno.errorcode[n], errno.ENAME):');
for (const name of ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE']) {
  const number = errnoNumber(name);
  const columns = [
    `errnoNumber('${name}') = ${number}`.padEnd(35),
    `errorcode[${number}] = ${errorcode[number]}`.padEnd(32),
    `errnoName(${number}) = ${errnoName(number)}`,
  ];
  console.log(`  ${columns.join('')}`);
}
console.log(
  `\n${differingRows(errnoReference).length} of ${errnoReference.length} names have different numbers on Linux and macOS: compare err.code, never err.errno.`,
);
