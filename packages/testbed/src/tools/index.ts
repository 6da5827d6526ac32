// @netprog/testbed/tools: running the outside programs the course checks itself against.
export { fakeDnsSandboxUnavailable, runPythonWithFakeDns } from './fake-dns-sandbox.ts';
export { skipWhenMissing } from './needs.ts';
export { PYTHON_MINIMUM, pythonUnavailable, runPython } from './python.ts';
