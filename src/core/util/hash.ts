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
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}
