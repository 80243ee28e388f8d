/**
 * What pdfjs's legacy build needs from a browser before it can load in Node: a DOMMatrix (the module makes one when
 * it loads; the worker's Type3 glyph outlines use one). pdfjs takes these from @napi-rs/canvas when that package is
 * installed; xxgk-lint reads text and never renders, so it ships without it (33 MB) and gives pdfjs the 2-D affine
 * matrix it needs here. Installed only where none exists; pdfjs's "Cannot polyfill" notices for what only rendering
 * uses (ImageData, Path2D) are held back while it loads.
 */

/** A 2-D affine matrix [a c e; b d f; 0 0 1] with the DOMMatrix methods pdfjs calls. */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: ArrayLike<number>) {
    if (init === undefined) return;
    if (init.length !== 6) throw new TypeError('AffineMatrix: only 6-value (2-D) matrices are supported');
    this.set(Array.from(init));
  }

  get is2D(): boolean {
    return true;
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  /** this = this × other. */
  multiplySelf(other: AffineMatrix): this {
    return this.set(product(this, other));
  }

  /** this = other × this. */
  preMultiplySelf(other: AffineMatrix): this {
    return this.set(product(other, this));
  }

  multiply(other: AffineMatrix): AffineMatrix {
    return this.copy().multiplySelf(other);
  }

  translateSelf(x = 0, y = 0): this {
    return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, x, y]));
  }

  translate(x = 0, y = 0): AffineMatrix {
    return this.copy().translateSelf(x, y);
  }

  scaleSelf(x = 1, y = x): this {
    return this.multiplySelf(new AffineMatrix([x, 0, 0, y, 0, 0]));
  }

  scale(x = 1, y = x): AffineMatrix {
    return this.copy().scaleSelf(x, y);
  }

  /** Inverts in place; a singular matrix becomes all NaN, as DOMMatrix does. */
  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (det === 0) return this.set([NaN, NaN, NaN, NaN, NaN, NaN]);
    return this.set([d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]);
  }

  inverse(): AffineMatrix {
    return this.copy().invertSelf();
  }

  transformPoint(point: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = point.x ?? 0;
    const y = point.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }

  private copy(): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]);
  }

  private set(values: readonly number[]): this {
    [this.a, this.b, this.c, this.d, this.e, this.f] = values as [number, number, number, number, number, number];
    return this;
  }
}

function product(left: AffineMatrix, right: AffineMatrix): number[] {
  return [
    left.a * right.a + left.c * right.b,
    left.b * right.a + left.d * right.b,
    left.a * right.c + left.c * right.d,
    left.b * right.c + left.d * right.d,
    left.a * right.e + left.c * right.f + left.e,
    left.b * right.e + left.d * right.f + left.f,
  ];
}

/** pdfjs's notices, at load, about what only rendering needs; anything else it or the host logs passes through. */
const RENDERING_NOTICE = /^Warning: Cannot (?:load "@napi-rs\/canvas" package|polyfill `(?:ImageData|Path2D)`)/u;

/** Loads pdfjs (`load`) with a DOMMatrix in place and its rendering notices held back. */
export async function withNodeGlobals<T>(load: () => Promise<T>): Promise<T> {
  const host = globalThis as { DOMMatrix?: unknown };
  if (host.DOMMatrix === undefined)
    Object.defineProperty(globalThis, 'DOMMatrix', {
      value: AffineMatrix,
      configurable: true,
      writable: true,
      enumerable: false,
    });
  // pdfjs writes its notices with console.warn.
  const warn = console.warn;
  console.warn = (...args: unknown[]): void => {
    if (typeof args[0] === 'string' && RENDERING_NOTICE.test(args[0])) return;
    warn.apply(console, args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}
