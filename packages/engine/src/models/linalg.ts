/*
 * Small dense linear algebra on typed arrays, row-major, float64 accumulation: just what iALS and the spectral
 * filter need (Cholesky solves, symmetric eigendecomposition, block orthonormalisation).
 */

/** In-place Cholesky factorisation of an n×n SPD matrix (lower triangle holds L); false if not positive definite. */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / l;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place in `b`, given the factor from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}

/**
 * Eigendecomposition of a symmetric n×n matrix by cyclic Jacobi rotations (robust and simple; n is a few
 * hundred at most here). Returns eigenvalues descending and eigenvectors as columns of a row-major n×n matrix.
 */
export function symmetricEigen(input: Float64Array, n: number, maxSweeps = 30): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p]! * a[p * n + p]!;
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!;
    }
    if (off <= 1e-22 * diag) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p]!, aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}

/** Gram matrix XᵀX of a row-major rows×cols matrix (full symmetric result, cols×cols). */
export function gram(x: ArrayLike<number>, rows: number, cols: number, out: Float64Array = new Float64Array(cols * cols)): Float64Array {
  out.fill(0);
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    for (let a = 0; a < cols; a++) {
      const xa = x[o + a]!;
      if (xa === 0) continue;
      const row = a * cols;
      for (let b = a; b < cols; b++) out[row + b]! += xa * x[o + b]!;
    }
  }
  for (let a = 0; a < cols; a++) for (let b = 0; b < a; b++) out[a * cols + b] = out[b * cols + a]!;
  return out;
}

/**
 * Orthonormalises the columns of a tall row-major matrix in place by CholeskyQR2 (Fukaya et al. 2014): two
 * rounds of Gram + Cholesky + triangular solve. One round suffices between power iterations, where the block
 * only has to stay well conditioned.
 */
export function orthonormalizeColumns(y: Float64Array, rows: number, cols: number, rounds = 2): void {
  for (let round = 0; round < rounds; round++) {
    const g = gram(y, rows, cols);
    let shift = 0;
    for (let c = 0; c < cols; c++) shift = Math.max(shift, g[c * cols + c]!);
    shift *= 1e-13;
    for (let c = 0; c < cols; c++) g[c * cols + c]! += shift;
    if (!cholesky(g, cols)) throw new RangeError('orthonormalisation failed: block is rank deficient');
    // Row-wise solve q Lᵀ = y  (Y = Q R with R = Lᵀ).
    for (let r = 0, o = 0; r < rows; r++, o += cols) {
      for (let c = 0; c < cols; c++) {
        let s = y[o + c]!;
        for (let k = 0; k < c; k++) s -= y[o + k]! * g[c * cols + k]!;
        y[o + c] = s / g[c * cols + c]!;
      }
    }
  }
}
