import type { Command } from '../main.ts';

// Placeholder until the command lands; replaced by its real implementation.
export const command: Command = {
  summary: '(not yet available)',
  async run() {
    console.error('notewave bench: not available yet');
    return 2;
  },
};
