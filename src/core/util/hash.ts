/**
 * FNV-1a, 32 bits twice with different seeds and multipliers: short, stable keys for long
 * texts (definition lists, the state a chain is checked in). Not cryptographic: the texts
 * are the user's own notes, nobody is searching for collisions.
 */
export function hashString(s: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return unsigned(h1).toString(36) + unsigned(h2).toString(36);
}

/**
 * The 32 bits of `h` as an unsigned number. Not `h >>> 0`: V8 speculates that its result is a
 * small integer, and every hash of 2³¹ or more deoptimised hashString again ("lost precision",
 * tens of times a check). The same value, computed in doubles.
 */
function unsigned(h: number): number {
  return h < 0 ? h + 4294967296 : h;
}
