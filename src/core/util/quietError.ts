// Errors the checker throws and catches as part of its work: a side that cannot be
// compiled under one reading (tried again under another), a point where a value is
// undefined, a budget spent. A check throws hundreds of them, and each captured a
// stack trace that nothing reads (they become "unchecked" reasons, by their message):
// constructing them was about a tenth of compiling a note's sides. These have no
// stack frames; an error that escapes the checker (a bug) is an ordinary Error.
export class QuietError extends Error {
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
