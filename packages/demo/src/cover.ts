import { hashString, SeededRng, TAXONOMY, topCategory } from '@notewave/engine';
import type { Note } from '@notewave/engine';
import { PALETTES } from './cover-palette.ts';
import { escapeXml, textWidth, wrapText } from './cover-text.ts';
import { IMAGE_SIZE, VIDEO_SIZE } from './notes.ts';

export interface CoverOptions {
  /** Carousel page (1 = cover); later pages reshuffle the shapes so a carousel does not repeat itself. */
  page?: number;
}

export type CoverNote = Pick<Note, 'id' | 'title' | 'category' | 'language' | 'kind'> & {
  tags?: readonly string[];
  media?: Pick<Note['media'], 'durationSec'>;
};

const FONT = `'PingFang SC','Hiragino Sans GB','Noto Sans CJK SC','Microsoft YaHei',system-ui,-apple-system,'Segoe UI',sans-serif`;
const PAD = 72;

/**
 * Renders a note's cover as a self-contained SVG: a category gradient, a few soft shapes placed from the
 * note id, a card with the wrapped title and a category label; video covers add a play mark and the
 * duration. No fonts, images or network: the same note always gives the same bytes.
 */
export function renderCoverSvg(note: CoverNote, opts: CoverOptions = {}): string {
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const video = note.kind === 'video';
  const { width: W, height: H } = video ? VIDEO_SIZE : IMAGE_SIZE;
  const rng = new SeededRng(hashString(`${note.id}#${page}`));
  const top = topCategory(note.category);
  const pal = PALETTES[top] ?? PALETTES.other!;
  const uid = (hashString(note.id) >>> 0).toString(36);
  const zh = note.language === 'zh';
  const angle = rng.int(4) * 45;

  const shapes: string[] = [];
  shapes.push(circle(W * (0.7 + rng.next() * 0.3), H * (0.05 + rng.next() * 0.15), W * (0.28 + rng.next() * 0.12), pal.accent, 0.22));
  shapes.push(circle(W * rng.next() * 0.3, H * (0.75 + rng.next() * 0.2), W * (0.2 + rng.next() * 0.15), pal.accent, 0.16));
  for (let i = 0; i < 4; i++) shapes.push(circle(W * rng.next(), H * rng.next(), 12 + rng.int(40), pal.accent, 0.35));
  const sq = 160 + rng.int(140);
  shapes.push(
    `<rect x="${r(W * (0.08 + rng.next() * 0.6))}" y="${r(H * (0.12 + rng.next() * 0.2))}" width="${sq}" height="${sq}" rx="${r(sq * 0.22)}" fill="${pal.accent}" fill-opacity="0.14" transform="rotate(${rng.int(50) - 25} ${W / 2} ${H / 2})"/>`,
  );
  shapes.push(`<path d="M0 ${r(H * 0.86)} C ${r(W * 0.3)} ${r(H * (0.8 + rng.next() * 0.06))}, ${r(W * 0.7)} ${r(H * (0.9 + rng.next() * 0.05))}, ${W} ${r(H * 0.84)} L ${W} ${H} L 0 ${H} Z" fill="${pal.accent}" fill-opacity="0.18"/>`);

  // Title: larger type for short titles, up to five lines, then an ellipsis. Widths are estimates, so
  // wrap a little short of the card's inner width.
  const cardW = W - PAD * 2;
  const inner = (cardW - 2 * 56) * 0.94;
  // The label pill must leave room for the duration pill on the right.
  let label = categoryLabel(note.category, zh, true);
  if (textWidth(label) * 36 + 64 > W - 2 * PAD - 180) label = categoryLabel(note.category, zh, false);
  // Untitled notes (allowed for user posts) show their category instead of an empty card.
  const title = note.title.trim() || label;
  let size = 88;
  let wrapped = wrapText(title, inner / size, 3);
  for (const s of [76, 64]) {
    if (!wrapped.truncated) break;
    size = s;
    wrapped = wrapText(title, inner / size, s === 64 ? 5 : 4);
  }
  const lineH = Math.round(size * 1.3);
  const tagLine = (note.tags ?? []).slice(0, 3).map((t) => `#${t}`).join('  ');
  const firstBaseline = 56 + Math.round(size * 0.95);
  const lastBaseline = firstBaseline + (wrapped.lines.length - 1) * lineH;
  const tagBaseline = lastBaseline + 84;
  const cardH = (tagLine ? tagBaseline : lastBaseline) + 68;
  const cardY = Math.round(Math.min(H - PAD - cardH, video ? H * 0.56 : H * 0.42));
  const titleSpans = wrapped.lines
    .map((l, i) => `<text x="${PAD + 56}" y="${cardY + firstBaseline + i * lineH}" font-size="${size}" font-weight="700" fill="${pal.ink}">${escapeXml(l)}</text>`)
    .join('');
  const tags = tagLine
    ? `<text x="${PAD + 56}" y="${cardY + tagBaseline}" font-size="34" fill="${pal.ink}" fill-opacity="0.6">${escapeXml(truncate(tagLine, 40))}</text>`
    : '';

  const labelW = Math.round(textWidth(label) * 36) + 64;
  const labelSvg = `<rect x="${PAD}" y="${PAD}" width="${labelW}" height="64" rx="32" fill="#ffffff" fill-opacity="0.85"/><text x="${PAD + 32}" y="${PAD + 44}" font-size="36" font-weight="600" fill="${pal.ink}">${escapeXml(label)}</text>`;

  const videoSvg = video ? playMark(W, H, pal.ink, note.media?.durationSec) : '';
  const pageSvg = page > 1 ? `<text x="${W - PAD}" y="${PAD + 44}" font-size="34" text-anchor="end" fill="#ffffff" fill-opacity="0.9">${page}</text>` : '';

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" role="img" aria-label="${escapeXml(note.title)}">` +
    `<defs><linearGradient id="g${uid}" gradientTransform="rotate(${angle} 0.5 0.5)"><stop offset="0" stop-color="${pal.from}"/><stop offset="1" stop-color="${pal.to}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#g${uid})"/>` +
    shapes.join('') +
    labelSvg +
    pageSvg +
    videoSvg +
    `<rect x="${PAD}" y="${cardY}" width="${cardW}" height="${cardH}" rx="40" fill="#ffffff" fill-opacity="0.92"/>` +
    titleSpans +
    tags +
    `</svg>`
  );
}

function categoryLabel(category: string, zh: boolean, withLeaf: boolean): string {
  const topId = topCategory(category);
  const node = TAXONOMY.find((n) => n.id === topId);
  if (!node) return zh ? '其他' : 'Other';
  const child = node.children.find((c) => c.id === category);
  const a = zh ? node.zh : node.en;
  return withLeaf && child && child.en !== node.en ? `${a} · ${zh ? child.zh : child.en}` : a;
}

function playMark(W: number, H: number, ink: string, durationSec: number | undefined): string {
  const cx = W / 2;
  const cy = Math.round(H * 0.34);
  const play = `<circle cx="${cx}" cy="${cy}" r="120" fill="#ffffff" fill-opacity="0.85"/><path d="M ${cx - 36} ${cy - 60} L ${cx + 64} ${cy} L ${cx - 36} ${cy + 60} Z" fill="${ink}"/>`;
  if (!durationSec) return play;
  const total = Math.round(durationSec);
  const d = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  return play + `<rect x="${W - PAD - 150}" y="${PAD}" width="150" height="64" rx="32" fill="#000000" fill-opacity="0.45"/><text x="${W - PAD - 75}" y="${PAD + 44}" font-size="36" text-anchor="middle" fill="#ffffff">${d}</text>`;
}

function circle(cx: number, cy: number, radius: number, fill: string, opacity: number): string {
  return `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="${fill}" fill-opacity="${opacity}"/>`;
}

function r(x: number): number {
  return Math.round(x);
}

function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}
