// The labelled real notes of ../shared/corpus (notes and their single-line
// mutants), checked through the CLI's JSON. Absent on a user's clone: then
// `loadCorpus` returns null and the callers say so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliJson, figures, type Figures, type JsonClaim, type Label } from './labelFigures';

/** ../shared/corpus beside the repository; GMM_CORPUS_DIR points elsewhere (a git worktree is not beside it). */
export const corpusDir = process.env.GMM_CORPUS_DIR ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

export interface CorpusRun { notes: Figures; mutants: Figures; claims: Map<string, JsonClaim[]>; labels: { notes: Label[]; mutants: Label[] } }

export function corpusPresent(): boolean {
  return existsSync(corpusDir);
}

function readLabels(file: string): Label[] {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Label[] : [];
}

/** Checks every corpus note and mutant (extra CLI args such as `--seed` allowed) and computes the figures. */
export async function runCorpus(extraArgs: string[] = []): Promise<CorpusRun> {
  const noteLabels: Label[] = [];
  const mutantLabels: Label[] = [];
  for (const d of readdirSync(corpusDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    noteLabels.push(...readLabels(join(corpusDir, d, 'labels.json')));
    mutantLabels.push(...readLabels(join(corpusDir, d, 'mut', 'labels.json')));
  }
  const files = [...new Set([...noteLabels, ...mutantLabels].map((l) => join(corpusDir, l.file)))];
  const { report } = await cliJson([...extraArgs, ...files]);
  const claims = new Map(report.files.map((f) => [f.path, f.claims]));
  const claimsOf = (l: Label) => claims.get(join(corpusDir, l.file)) ?? [];
  return {
    notes: figures(noteLabels, claimsOf),
    mutants: figures(mutantLabels, claimsOf),
    claims,
    labels: { notes: noteLabels, mutants: mutantLabels },
  };
}
