// Loaded into an example process by runExample({ platform }), after the loopback guard: from here
// on process.platform says what the test asked, so a test on Linux sees the line a Linux-only
// example prints on macOS. Only the platform's name changes; the machine is still Linux.
const platform = process.env.NETPROG_FAKE_PLATFORM;
if (platform) Object.defineProperty(process, 'platform', { value: platform });
