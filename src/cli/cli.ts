// Entry of the `gmm-check` bin: runs main() with the real process streams.
import { main } from './main';

main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
}).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => { process.stderr.write(`gmm-check: internal error: ${String(err)}\n`); process.exitCode = 2; },
);
