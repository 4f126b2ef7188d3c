export { generateCommunity, type DemoCommunity, type UserProfile } from './community.ts';
export type { CommunityOptions, ProgressPhase, WaveOptions } from './options.ts';
export { DEFAULT_START_TIME, DEMO_DEFAULTS } from './options.ts';
export { commentBody } from './comments.ts';
export { DEMO_ACCOUNT } from './users.ts';
export { coverUrl, IMAGE_SIZE, VIDEO_SIZE } from './notes.ts';
export { renderCoverSvg, type CoverOptions } from './cover.ts';
export { SEGMENTS, type Segment } from './segments.ts';
export { poisson } from './random.ts';
