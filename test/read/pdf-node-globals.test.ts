import { AffineMatrix, withNodeGlobals } from '../../src/read/pdf-node-globals.js';

// + 0 turns -0 into 0: the sign of a zero is no part of what is asserted.
const values = (matrix: AffineMatrix): number[] =>
  [matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f].map((value) => value + 0);

describe('the DOMMatrix pdfjs is given in Node', () => {
  test('starts as the identity and takes six values', () => {
    expect(new AffineMatrix().isIdentity).toBe(true);
    expect(values(new AffineMatrix([2, 0, 0, 3, 4, 5]))).toEqual([2, 0, 0, 3, 4, 5]);
    expect(() => new AffineMatrix([1, 2, 3])).toThrow(TypeError);
  });

  test('scales and translates as DOMMatrix does (post-multiplied), as pdfjs outlines a Type3 glyph', () => {
    const width = 4;
    const height = 8;
    const matrix = new AffineMatrix().scaleSelf(1 / width, -1 / height).translateSelf(0, -height);
    expect(values(matrix)).toEqual([0.25, 0, 0, -0.125, 0, 1]);
    expect(matrix.transformPoint({ x: 4, y: 0 })).toEqual({ x: 1, y: 1, z: 0, w: 1 });
  });

  test('multiplies in both orders and inverts', () => {
    const rotate = new AffineMatrix([0, 1, -1, 0, 0, 0]);
    const move = new AffineMatrix([1, 0, 0, 1, 10, 20]);
    expect(values(rotate.multiply(move))).toEqual([0, 1, -1, 0, -20, 10]);
    expect(values(new AffineMatrix([0, 1, -1, 0, 0, 0]).preMultiplySelf(move))).toEqual([0, 1, -1, 0, 10, 20]);
    const matrix = new AffineMatrix([2, 1, 1, 3, 5, 7]);
    expect(values(matrix.multiply(matrix.inverse())).map((value) => Math.round(value * 1e12) / 1e12 + 0)).toEqual([
      1, 0, 0, 1, 0, 0,
    ]);
    expect(values(new AffineMatrix([1, 2, 2, 4, 0, 0]).invertSelf()).every(Number.isNaN)).toBe(true);
  });

  test('is installed only where none exists, and holds back only pdfjs notices about rendering while it loads', async () => {
    const host = globalThis as { DOMMatrix?: unknown };
    const before = host.DOMMatrix;
    const seen: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]): void => void seen.push(args[0]);
    try {
      const found = await withNodeGlobals(async () => {
        console.warn('Warning: Cannot polyfill `Path2D`, rendering may be broken.');
        console.warn('Warning: Cannot load "@napi-rs/canvas" package: "Error: not found".');
        console.warn('Warning: something else');
        return Promise.resolve(host.DOMMatrix);
      });
      expect(found).toBe(before ?? AffineMatrix);
      console.warn('Warning: Cannot polyfill `Path2D`, rendering may be broken.');
    } finally {
      console.warn = warn;
    }
    expect(seen).toEqual(['Warning: something else', 'Warning: Cannot polyfill `Path2D`, rendering may be broken.']);
  });
});
