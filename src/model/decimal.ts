/** An exact decimal number: coefficient × 10^-scale. Money (万元) is kept this way, never as a float. */
export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string such as "4449.48" or "-3"; returns undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  const coefficient = BigInt(whole + fraction);
  return normalise({ coefficient: sign === '-' ? -coefficient : coefficient, scale: fraction.length });
}

/** Converts a JavaScript number to a decimal through its shortest round-trip text, so 0.1 stays 0.1. */
export function decimalFromNumber(value: number): Decimal | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (/e/i.test(text)) {
    const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
    const base = parseDecimal(mantissa);
    return base ? shift(base, Number(exponentText)) : undefined;
  }
  return parseDecimal(text);
}

/** Multiplies by 10^places (negative places divide), exactly. */
export function shift(value: Decimal, places: number): Decimal {
  if (places >= 0) {
    const scale = value.scale - places;
    if (scale >= 0) return normalise({ coefficient: value.coefficient, scale });
    return { coefficient: value.coefficient * 10n ** BigInt(-scale), scale: 0 };
  }
  return normalise({ coefficient: value.coefficient, scale: value.scale - places });
}

/** The sign of a decimal: -1, 0 or 1. */
export function signOf(value: Decimal): number {
  return value.coefficient < 0n ? -1 : value.coefficient > 0n ? 1 : 0;
}

/** True when the decimal has no fractional part. */
export function isWhole(value: Decimal): boolean {
  return value.scale === 0;
}

/** Plain text without exponent, e.g. "4449.48" or "0.0251". */
export function formatDecimal(value: Decimal): string {
  const negative = value.coefficient < 0n;
  const digits = (negative ? -value.coefficient : value.coefficient).toString();
  if (value.scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(value.scale + 1, '0');
  const whole = padded.slice(0, padded.length - value.scale);
  const fraction = padded.slice(padded.length - value.scale);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

function normalise(value: Decimal): Decimal {
  let { coefficient, scale } = value;
  while (scale > 0 && coefficient % 10n === 0n) {
    coefficient /= 10n;
    scale -= 1;
  }
  return { coefficient, scale };
}
