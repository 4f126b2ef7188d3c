#!/usr/bin/env node
// The notewave command: runs the CLI of apps/server through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../apps/server/src/cli/main.ts');
