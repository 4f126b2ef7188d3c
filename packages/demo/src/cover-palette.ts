/** Gradient stops and ink per top-level category: warm pastels for lifestyle, loud for entertainment, deep for tech. */
export interface Palette {
  from: string;
  to: string;
  /** Title colour on the light card. */
  ink: string;
  /** Shape accent. */
  accent: string;
}

export const PALETTES: Record<string, Palette> = {
  beauty: { from: '#ff9a9e', to: '#fecfef', ink: '#8a2846', accent: '#ffffff' },
  fashion: { from: '#a18cd1', to: '#fbc2eb', ink: '#4b2a6b', accent: '#ffffff' },
  travel: { from: '#4facfe', to: '#00f2fe', ink: '#0b3d5c', accent: '#fff6d5' },
  food: { from: '#f6d365', to: '#fda085', ink: '#6b3410', accent: '#fffbe8' },
  home: { from: '#d4fc79', to: '#96e6a1', ink: '#24502e', accent: '#ffffff' },
  fitness: { from: '#43e97b', to: '#38f9d7', ink: '#0d4d3a', accent: '#ffffff' },
  'music-dance': { from: '#fa709a', to: '#fee140', ink: '#6b1837', accent: '#ffffff' },
  comedy: { from: '#f83600', to: '#f9d423', ink: '#5c1a00', accent: '#fff3c4' },
  'life-hacks': { from: '#30cfd0', to: '#330867', ink: '#1d1450', accent: '#b8fff9' },
  pets: { from: '#fccb90', to: '#d57eeb', ink: '#5a2a5e', accent: '#ffffff' },
  tech: { from: '#0f2027', to: '#2c5364', ink: '#0f2027', accent: '#00d2ff' },
  study: { from: '#89f7fe', to: '#66a6ff', ink: '#1b3a6b', accent: '#ffffff' },
  other: { from: '#e0c3fc', to: '#8ec5fc', ink: '#3a3a6b', accent: '#ffffff' },
};
