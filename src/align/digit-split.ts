// Recovering a table row whose cell separators were lost: "801000081" into 7 cells is 80|1|0|0|0|0|81.
// A split is only ever reported when the digits (and, with totalLast, the row's total) leave exactly one choice.
//
// Cost: with n digits (n ≤ count·maxCellDigits, else 'none' at once) and m = maxCellDigits, counting the splits is
// O(count·n·m) time and O(count·n) memory. Finding the splits whose last cell is the total tries each of the ≤ m
// possible last cells and walks the states (position, cells used, partial sum) forwards, keeping only partial sums that
// can still reach the total (bounded below and above by the smallest and largest sums the remaining digits can make),
// with per-state path counts capped at 2. Nothing enumerates splits one by one.

import { appendAll } from '../model/arrays.js';

/** How a run of digits splits into a row's cells. */
export type DigitSplit =
  | { kind: 'unique'; cells: string[] } // exactly one split the digits allow
  | { kind: 'chosen'; cells: string[]; candidates: number } // several fit; exactly one makes the last cell the sum of the others (totalLast)
  | { kind: 'ambiguous'; candidates: number } // several fit and none, or more than one, make the total hold (or no totalLast)
  | { kind: 'none' }; // no split fits

const DEFAULT_MAX_CELL_DIGITS = 7;
// Every sum compared exactly stays ≤ the total < 10^15 < 2^53, so plain numbers are exact.
const LIMIT_MAX_CELL_DIGITS = 15;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
const INF = Number.POSITIVE_INFINITY;

/** Splits `digits` into `count` cells ("0" or no leading zero, ≤ maxCellDigits digits each), using the row total to choose when totalLast. */
export function splitDigits(
  digits: string,
  count: number,
  options?: { totalLast?: boolean; maxCellDigits?: number },
): DigitSplit {
  const maxCellDigits = options?.maxCellDigits ?? DEFAULT_MAX_CELL_DIGITS;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`splitDigits: count must be a non-negative integer, got ${count}`);
  if (!Number.isInteger(maxCellDigits) || maxCellDigits < 1 || maxCellDigits > LIMIT_MAX_CELL_DIGITS) {
    throw new RangeError(
      `splitDigits: maxCellDigits must be an integer from 1 to ${LIMIT_MAX_CELL_DIGITS}, got ${maxCellDigits}`,
    );
  }
  const n = digits.length;
  if (!/^[0-9]*$/.test(digits) || n < count || n > count * maxCellDigits) return { kind: 'none' };

  const cellFits = cellFitsIn(digits, maxCellDigits);

  // ways[c][pos]: number of valid splits of digits[pos..n) into c cells, saturating at MAX_SAFE_INTEGER.
  const ways: Float64Array[] = [];
  const none = new Float64Array(n + 1);
  none[n] = 1;
  ways.push(none);
  for (let c = 1; c <= count; c += 1) {
    const previous = ways[c - 1] as Float64Array;
    const layer = new Float64Array(n + 1);
    for (let pos = 0; pos < n; pos += 1) {
      let total = 0;
      for (let length = 1; length <= maxCellDigits && pos + length <= n; length += 1) {
        if (!cellFits(pos, length, n)) break; // a leading zero rules out every longer cell too
        total += previous[pos + length] ?? 0;
        if (total > MAX_COUNT) total = MAX_COUNT;
      }
      layer[pos] = total;
    }
    ways.push(layer);
  }
  const candidates = (ways[count] as Float64Array)[0] ?? 0;
  if (candidates === 0) return { kind: 'none' };
  if (candidates === 1) return { kind: 'unique', cells: onlySplit(digits, count, ways, cellFits) };
  if (!options?.totalLast || count < 2) return { kind: 'ambiguous', candidates };

  const holding = totalSplits(digits, count, maxCellDigits);
  if (holding.count === 1 && holding.cells) return { kind: 'chosen', cells: holding.cells, candidates };
  return { kind: 'ambiguous', candidates };
}

type CellFits = (start: number, length: number, end: number) => boolean;

/** True when a run of digits may stand for one cell by itself: "0" or no leading zero, at most maxCellDigits digits. */
export function isOneCell(digits: string, maxCellDigits = DEFAULT_MAX_CELL_DIGITS): boolean {
  return /^[0-9]+$/.test(digits) && cellFitsIn(digits, maxCellDigits)(0, digits.length, digits.length);
}

/** Whether digits[start, start+length) before `end` can be one cell: "0" or no leading zero, at most maxCellDigits digits. */
function cellFitsIn(digits: string, maxCellDigits: number): CellFits {
  return (start, length, end) =>
    length >= 1 &&
    length <= maxCellDigits &&
    start + length <= end &&
    (length === 1 || digits.charCodeAt(start) !== 48);
}

/** Rebuilds the split when the count table says there is exactly one. */
function onlySplit(digits: string, count: number, ways: Float64Array[], cellFits: CellFits): string[] {
  const n = digits.length;
  const cells: string[] = [];
  let pos = 0;
  for (let c = count; c > 0; c -= 1) {
    const next = ways[c - 1] as Float64Array;
    let length = 1;
    while (!(cellFits(pos, length, n) && (next[pos + length] ?? 0) > 0)) length += 1;
    cells.push(digits.slice(pos, pos + length));
    pos += length;
  }
  return cells;
}

/**
 * Splits of digits[0..end) into `cells` cells summing to `target`: the number of them capped at 2, and the split itself
 * when there is exactly one.
 */
function splitsWithSum(
  digits: string,
  end: number,
  cells: number,
  target: number,
  maxCellDigits: number,
  cellFits: CellFits,
): { paths: number; cells?: string[] } {
  // minSum[c][pos] / maxSum[c][pos]: smallest / largest sum of a split of digits[pos..end) into c cells (Infinity / -Infinity: none).
  const minSum: Float64Array[] = [];
  const maxSum: Float64Array[] = [];
  const base = (fill: number): Float64Array => {
    const layer = new Float64Array(end + 1).fill(fill);
    layer[end] = 0;
    return layer;
  };
  minSum.push(base(INF));
  maxSum.push(base(-INF));
  for (let c = 1; c <= cells; c += 1) {
    const previousMin = minSum[c - 1] as Float64Array;
    const previousMax = maxSum[c - 1] as Float64Array;
    const layerMin = new Float64Array(end + 1).fill(INF);
    const layerMax = new Float64Array(end + 1).fill(-INF);
    for (let pos = 0; pos < end; pos += 1) {
      let low = INF;
      let high = -INF;
      let value = 0;
      for (let length = 1; cellFits(pos, length, end); length += 1) {
        value = value * 10 + digits.charCodeAt(pos + length - 1) - 48;
        const withLow = value + (previousMin[pos + length] ?? INF);
        const withHigh = value + (previousMax[pos + length] ?? -INF);
        if (withLow < low) low = withLow;
        if (withHigh > high) high = withHigh;
      }
      layerMin[pos] = low;
      layerMax[pos] = high;
    }
    minSum.push(layerMin);
    maxSum.push(layerMax);
  }
  const reachable = (pos: number, cellsLeft: number, sum: number): boolean => {
    const low = (minSum[cellsLeft] as Float64Array)[pos] ?? INF;
    const high = (maxSum[cellsLeft] as Float64Array)[pos] ?? -INF;
    return sum + low <= target && sum + high >= target;
  };
  if (!reachable(0, cells, 0)) return { paths: 0 };

  // layers[k]: position → partial sum → number of ways (capped at 2) to split digits[0..position) into k cells with that sum,
  // keeping only states from which the target can still be met.
  const layers: Map<number, Map<number, number>>[] = [new Map([[0, new Map([[0, 1]])]])];
  for (let k = 0; k < cells; k += 1) {
    const current = layers[k] as Map<number, Map<number, number>>;
    const next = new Map<number, Map<number, number>>();
    for (const [pos, sums] of current) {
      let value = 0;
      for (let length = 1; cellFits(pos, length, end); length += 1) {
        value = value * 10 + digits.charCodeAt(pos + length - 1) - 48;
        const to = pos + length;
        for (const [sum, paths] of sums) {
          const reached = sum + value;
          if (!reachable(to, cells - k - 1, reached)) continue;
          let bucket = next.get(to);
          if (!bucket) next.set(to, (bucket = new Map<number, number>()));
          const sofar = (bucket.get(reached) ?? 0) + paths;
          bucket.set(reached, sofar > 2 ? 2 : sofar);
        }
      }
    }
    layers.push(next);
  }
  const paths = layers[cells]?.get(end)?.get(target) ?? 0;
  if (paths !== 1) return { paths };

  // Exactly one path: walk it back, each step has exactly one predecessor with a path.
  const found: string[] = [];
  let pos = end;
  let sum = target;
  for (let k = cells; k > 0; k -= 1) {
    const previous = layers[k - 1] as Map<number, Map<number, number>>;
    for (let length = 1; length <= maxCellDigits && length <= pos; length += 1) {
      const from = pos - length;
      if (!cellFits(from, length, pos)) continue;
      const value = Number(digits.slice(from, pos));
      if ((previous.get(from)?.get(sum - value) ?? 0) > 0) {
        found.unshift(digits.slice(from, pos));
        pos = from;
        sum -= value;
        break;
      }
    }
  }
  return { paths, cells: found };
}

/** The splits of `digits` into `count` cells whose last cell is the sum of the others: how many (0, 1, or 2 for two or more) and the one when there is one. */
export function totalSplits(
  digits: string,
  count: number,
  maxCellDigits = DEFAULT_MAX_CELL_DIGITS,
): { count: 0 | 1 | 2; cells?: string[] } {
  const n = digits.length;
  if (count < 2 || !/^[0-9]*$/.test(digits) || n < count || n > count * maxCellDigits) return { count: 0 };
  const cellFits = cellFitsIn(digits, maxCellDigits);
  let found: string[] | undefined;
  let satisfying = 0;
  for (let lastLength = 1; lastLength <= maxCellDigits && lastLength <= n; lastLength += 1) {
    const start = n - lastLength;
    if (!cellFits(start, lastLength, n)) continue;
    const result = splitsWithSum(digits, start, count - 1, Number(digits.slice(start)), maxCellDigits, cellFits);
    if (result.paths === 0) continue;
    satisfying += result.paths;
    if (satisfying >= 2) return { count: 2 };
    found = result.cells && [...result.cells, digits.slice(start)];
  }
  return satisfying === 1 && found ? { count: 1, cells: found } : { count: 0 };
}

/**
 * Several rows run together (a crawled table 四: 15 cells of three rows in one run): the one way, if exactly one, to
 * cut the run into rows of these widths so that every row's last cell is the sum of its others. Cost: rows × digits ×
 * the lengths a row can take, each a {@link totalSplits}.
 */
export function splitRowsByTotals(
  digits: string,
  widths: readonly number[],
  maxCellDigits = DEFAULT_MAX_CELL_DIGITS,
): string[] | undefined {
  const n = digits.length;
  // ways[i][pos]: splits of digits[pos..n) into rows i.. whose totals all hold, capped at 2.
  const ways: number[][] = widths.map(() => new Array<number>(n + 1).fill(0));
  const at = (row: number, pos: number): number =>
    row === widths.length ? (pos === n ? 1 : 0) : (ways[row]![pos] ?? 0);
  const segment = new Map<string, { count: 0 | 1 | 2; cells?: string[] }>();
  const splitOf = (row: number, pos: number, length: number): { count: 0 | 1 | 2; cells?: string[] } => {
    const key = `${row}:${pos}:${length}`;
    let split = segment.get(key);
    if (!split) {
      split = totalSplits(digits.slice(pos, pos + length), widths[row]!, maxCellDigits);
      segment.set(key, split);
    }
    return split;
  };
  for (let row = widths.length - 1; row >= 0; row -= 1) {
    const width = widths[row]!;
    for (let pos = 0; pos < n; pos += 1) {
      let total = 0;
      for (let length = width; length <= width * maxCellDigits && pos + length <= n && total < 2; length += 1) {
        const rest = at(row + 1, pos + length);
        if (rest === 0) continue;
        total += splitOf(row, pos, length).count * rest;
      }
      ways[row]![pos] = Math.min(2, total);
    }
  }
  if (at(0, 0) !== 1) return undefined;
  const cells: string[] = [];
  let pos = 0;
  for (let row = 0; row < widths.length; row += 1) {
    const width = widths[row]!;
    for (let length = width; length <= width * maxCellDigits && pos + length <= n; length += 1) {
      const split = splitOf(row, pos, length);
      if (split.count === 1 && at(row + 1, pos + length) === 1 && split.cells) {
        appendAll(cells, split.cells);
        pos += length;
        break;
      }
    }
  }
  return cells.length === widths.reduce((a, b) => a + b, 0) ? cells : undefined;
}
