// The one error type of the LaTeX layer: a plain message plus the note span it
// is about. The parser throws only this; callers turn it into a positioned
// diagnostic ("expected } to close the group opened here").
import type { Span } from '../types';
import { QuietError } from '../util/quietError';

/**
 * Without a stack trace (QuietError): the parser also throws it to try another reading of a
 * formula (a derivative, an argument list) and catches it itself, and a parse error reaches
 * the user as its message and span, never as a stack.
 */
export class LatexError extends QuietError {
  constructor(message: string, readonly span: Span) {
    super(message);
    this.name = 'LatexError';
  }
}
