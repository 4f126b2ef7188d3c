const PATHS = {
  heart: 'M12 21s-7.5-4.6-9.6-9.3C1 8.4 3 5 6.4 5c2 0 3.3 1 4.1 2.2l1.5 2 1.5-2C14.3 6 15.6 5 17.6 5 21 5 23 8.4 21.6 11.7 19.5 16.4 12 21 12 21z',
  star: 'M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.4l-5.5 2.9 1-6.2L3 9.7l6.2-.9z',
  comment: 'M4 5h16v11H9l-5 4z',
  share: 'M14 4l7 7-7 7v-4c-5 0-8 1.5-11 5 1-5 4-10 11-11z',
  search: 'M10.5 4a6.5 6.5 0 015.2 10.4l4.4 4.4-1.4 1.4-4.4-4.4A6.5 6.5 0 1110.5 4zm0 2a4.5 4.5 0 100 9 4.5 4.5 0 000-9z',
  play: 'M8 5v14l11-7z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  close: 'M6.4 5L12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z',
  sound: 'M4 9h4l5-4v14l-5-4H4zm12 0a4 4 0 010 6m2-9a8 8 0 010 12',
  muted: 'M4 9h4l5-4v14l-5-4H4zm12 0l5 6m0-6l-5 6',
  user: 'M12 12a4 4 0 100-8 4 4 0 000 8zm-8 8c0-4 4-6 8-6s8 2 8 6z',
  grid: 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z',
  chevronLeft: 'M15 5l-7 7 7 7',
  chevronRight: 'M9 5l7 7-7 7',
  chart: 'M4 20V10m6 10V4m6 16v-7m4 7H2',
} as const;

export type IconName = keyof typeof PATHS;

const STROKED = new Set<IconName>(['sound', 'muted', 'chevronLeft', 'chevronRight', 'chart']);

export function Icon({ name, size = 20, filled = true }: { name: IconName; size?: number; filled?: boolean }) {
  const stroke = STROKED.has(name) || !filled;
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true"
      fill={stroke ? 'none' : 'currentColor'} stroke={stroke ? 'currentColor' : 'none'} stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
