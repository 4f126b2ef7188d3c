import type { Rng } from '../../runtime/rng.ts';

/** Standard normal from two uniforms (Box–Muller). */
function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost. */
export function sampleGamma(shape: number, rng: Rng): number {
  if (shape < 1) {
    const u = Math.max(rng.next(), 1e-12);
    return sampleGamma(shape + 1, rng) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(Math.max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}

/** Monte-Carlo P(θ₁ > θ₂) for θ₁ ~ Beta(a1,b1), θ₂ ~ Beta(a2,b2): Thompson draws from the seeded rng. */
export function probGreater(a1: number, b1: number, a2: number, b2: number, draws: number, rng: Rng): number {
  let wins = 0;
  for (let i = 0; i < draws; i++) if (sampleBeta(a1, b1, rng) > sampleBeta(a2, b2, rng)) wins++;
  return wins / draws;
}
