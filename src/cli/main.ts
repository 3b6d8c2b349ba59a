// The gmm-check CLI as a function: main(argv, io) → exit status.
export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('usage: gmm-check [options] PATH...\n');
    return 0;
  }
  io.stderr('gmm-check: checking is not built yet in this version.\n');
  return 2;
}
