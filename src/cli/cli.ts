// Entry of the `gmm-check` bin: runs main() with the real process streams.
import { main } from './main';

// `gmm-check … | head`: the reader has gone, so there is no one left to write to. Stop quietly, as
// Unix tools do, instead of an unhandled EPIPE stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
}).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => { process.stderr.write(`gmm-check: internal error: ${String(err)}\n`); process.exitCode = 2; },
);
