// The one error type of the LaTeX layer: a plain message plus the note span it
// is about. The parser throws only this; callers turn it into a positioned
// diagnostic ("expected } to close the group opened here").
import type { Span } from '../types';

export class LatexError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
    this.name = 'LatexError';
  }
}
