/**
 * The natural logarithm of a non-negative integer, correctly rounded to the nearest double.
 *
 * jieba-rs scores a route with `(freq as f64).ln()`, which on Linux is glibc's `log`: accurate to
 * within about half an ulp, so in practice the correctly rounded value. V8's `Math.log` is a port of
 * fdlibm and is off by one ulp for some integers (ln 3 among them), and a one-ulp difference can turn
 * a tie between two routes the other way. So the logarithm is computed here in 128-bit fixed point
 * with BigInt and rounded once; results are cached per integer, and a dictionary only has a few
 * thousand distinct frequencies.
 */

const PRECISION = 128n;
const ONE = 1n << PRECISION;
/** Range reduction: m in [1, 2) is divided by the nearest c = 1 + j / 2^TABLE_BITS below it. */
const TABLE_BITS = 6n;
const TABLE_SIZE = 1 << Number(TABLE_BITS);

let lnTable: bigint[] | undefined;
let ln2: bigint | undefined;
const cache = new Map<number, number>();

/** 2·atanh(s) = ln((1 + s) / (1 - s)) for a fixed-point s with |s| < 1/2. */
function twoAtanh(s: bigint): bigint {
  const s2 = (s * s) >> PRECISION;
  let power = s;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = (power * s2) >> PRECISION;
  }
  return 2n * sum;
}

/** ln(num / den) for 1 <= num / den <= 2, through s = (num - den) / (num + den). */
function lnRatio(num: bigint, den: bigint): bigint {
  return twoAtanh(((num - den) << PRECISION) / (num + den));
}

function table(): bigint[] {
  if (!lnTable) {
    lnTable = [];
    const base = BigInt(TABLE_SIZE);
    for (let j = 0n; j < base; j++) lnTable.push(lnRatio(base + j, base));
    ln2 = lnRatio(2n, 1n);
  }
  return lnTable;
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** The double nearest to x / 2^PRECISION (x > 0), ties to even. */
function toDouble(x: bigint): number {
  const shift = bitLength(x) - 53;
  if (shift <= 0) return Number(x) / 2 ** Number(PRECISION);
  const big = BigInt(shift);
  let q = x >> big;
  const rest = x - (q << big);
  const half = 1n << (big - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  return Number(q) * 2 ** (shift - Number(PRECISION));
}

/** ln(n) for an integer n >= 0, correctly rounded; ln(0) is -Infinity as in Rust. */
export function lnInt(n: number): number {
  if (n === 0) return Number.NEGATIVE_INFINITY;
  if (n === 1) return 0;
  if (!Number.isInteger(n) || n < 0) return Math.log(n);
  const cached = cache.get(n);
  if (cached !== undefined) return cached;
  const lnC = table();
  const big = BigInt(n);
  const k = bitLength(big) - 1;
  // m = n / 2^k in [1, 2) as a fixed-point number, exact.
  const m = k <= Number(PRECISION) ? big << (PRECISION - BigInt(k)) : big >> (BigInt(k) - PRECISION);
  const j = Number((m - ONE) >> (PRECISION - TABLE_BITS));
  const c = (BigInt(TABLE_SIZE) + BigInt(j)) << (PRECISION - TABLE_BITS);
  const x = BigInt(k) * (ln2 as bigint) + (lnC[j] as bigint) + lnRatio(m, c);
  const value = toDouble(x);
  cache.set(n, value);
  return value;
}
