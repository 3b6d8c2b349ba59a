// Seeded pseudo-random numbers for sampling GMM instances. Verdicts must be
// the same on every run and machine, so nothing here touches Math.random and
// all state arithmetic is 32-bit integer (Math.imul, >>>), which JavaScript
// defines exactly; only the final scaling to floats uses doubles.
//
// Generator: xoshiro128** (Blackman & Vigna): 128 bits of state, period
// 2^128 − 1, passes BigCrush, and needs only 32-bit operations, so it is fast
// in JS without BigInt. Its four state words are filled by splitmix32 from a
// 32-bit key, which is the recommended way to seed it (a weak seed such as 0
// or 1 still gives a well-mixed state). Keys come from MurmurHash3-style
// mixing of the seed (or of a parent key and a fork label).

const TWO_POW_32 = 4294967296;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** MurmurHash3 body step: absorbs one 32-bit word into the running hash. */
function absorb(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const float64View = new DataView(new ArrayBuffer(8));

/**
 * Hashes a seed or label into a 32-bit key. Numbers are hashed by their
 * IEEE-754 bits (so 1.5 and 2 differ and big integers keep their high bits);
 * strings by UTF-16 code units. A type tag keeps `3` and `"3"` apart.
 */
function hashInto(h: number, value: string | number): number {
  if (typeof value === 'number') {
    // −0 and 0 are the same seed to a user.
    float64View.setFloat64(0, value === 0 ? 0 : value);
    h = absorb(h, 1);
    h = absorb(h, float64View.getUint32(0));
    h = absorb(h, float64View.getUint32(4));
    return fmix(h ^ 8);
  }
  h = absorb(h, 2);
  for (let i = 0; i < value.length; i++) h = absorb(h, value.charCodeAt(i));
  return fmix(h ^ value.length);
}

/** Deterministic random stream; see the file comment for the algorithm. */
export class Rng {
  /** Identifies the stream; forks derive their keys from it. */
  readonly key: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Second Box–Muller deviate, kept for the next normal() call. */
  private spare = NaN;

  constructor(seed: number | string) {
    this.key = hashInto(0x2545f491, seed);
    // splitmix32 over the key fills the state.
    let x = this.key;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      words.push((z ^ (z >>> 16)) | 0);
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    // The all-zero state is the one fixed point of xoshiro; splitmix32 cannot
    // produce four zero words in a row, but guard it rather than argue it.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    const s0 = this.s0, s1 = this.s1;
    let s2 = this.s2, s3 = this.s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = rotl(s3, 11);
    return (result >>> 0) / TWO_POW_32;
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Uniform integer in [a, b], both ends included. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }

  /** Standard normal deviate (Box–Muller; the pair's second value is cached). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    // 1 − next() lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /**
   * An independent stream named by `label`. It depends only on this stream's
   * key and the label, not on how many numbers were drawn here, so a checker
   * can give each claim or trial its own stream and get the same numbers
   * whatever order the work happens in.
   */
  fork(label: string | number): Rng {
    return new Rng(`${this.key.toString(16)}/${typeof label}:${String(label)}`);
  }
}
