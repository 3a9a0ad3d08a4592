/**
 * Team logos for the demo street, so its activity cards show pictures as a street's would: simple
 * emblems drawn here (a tree over waves for the river and woodland patrol, a paw for 握爪, the sun
 * over the water for the waterfront team, a heart for 老伙伴), each added by the team's leader
 * through activities.addPhoto, the way a leader's upload goes. Drawn rather than shipped as image
 * files: the emblems are fictitious like the rest of the street, and a few shapes are all they need.
 */
import { PNG } from 'pngjs';
import type { RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import type { PhotoDoc } from '../cloudfunctions/core/domain/photos';
import { seedCall } from './seed-call';

/** A glyph: whether a point of the unit square (x right, y down) is inside it. */
type Glyph = (x: number, y: number) => boolean;

const SIZE = 256;
/** Samples per pixel side: the glyph's edges are smoothed over 4 × 4 points. */
const SAMPLES = 4;

const circle =
  (cx: number, cy: number, r: number): Glyph =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Glyph =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const wave =
  (y0: number, from = 0.2, to = 0.8): Glyph =>
  (x, y) =>
    x >= from && x <= to && Math.abs(y - (y0 + 0.025 * Math.sin((x - from) * Math.PI * 6))) <= 0.022;
const union =
  (...glyphs: Glyph[]): Glyph =>
  (x, y) =>
    glyphs.some((g) => g(x, y));

const GLYPHS: Record<string, Glyph> = {
  // A tree over two waves.
  t_patrol: union(
    (x, y) => y >= 0.18 && y <= 0.56 && Math.abs(x - 0.5) <= (y - 0.18) * 0.55,
    (x, y) => Math.abs(x - 0.5) <= 0.04 && y > 0.56 && y <= 0.64,
    wave(0.73),
    wave(0.83),
  ),
  // A paw: the pad and four toes.
  t_paws: union(ellipse(0.5, 0.64, 0.17, 0.14), circle(0.3, 0.44, 0.075), circle(0.43, 0.32, 0.075), circle(0.57, 0.32, 0.075), circle(0.7, 0.44, 0.075)),
  // The sun over the water.
  t_waterfront: union(circle(0.5, 0.42, 0.15), wave(0.68), wave(0.77), wave(0.86)),
  // A heart: (u² + v² − 1)³ − u²v³ ≤ 0, scaled into the square.
  t_partners: (x, y) => {
    const u = (x - 0.5) / 0.25;
    const v = (0.47 - y) / 0.25;
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
  },
};

const COLORS: Record<string, [number, number, number]> = {
  t_patrol: [46, 125, 50],
  t_paws: [230, 108, 0],
  t_waterfront: [2, 119, 189],
  t_partners: [198, 40, 40],
};

/** A SIZE × SIZE PNG: the team's colour with its glyph in white. */
export function drawLogo(teamId: string): Buffer {
  const glyph = GLYPHS[teamId];
  const color = COLORS[teamId];
  if (!glyph || !color) throw new Error(`seed: no logo drawn for ${teamId}`);
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let inside = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (glyph((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) inside++;
        }
      }
      const white = inside / (SAMPLES * SAMPLES);
      const at = (py * SIZE + px) * 4;
      for (let c = 0; c < 3; c++) png.data[at + c] = Math.round(color[c]! * (1 - white) + 255 * white);
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Each team's logo, added by its leader; a team that has one already is left as it is (a resumed seed). */
export async function seedDemoLogos(deps: RuntimeDeps, leaders: Record<string, string>): Promise<void> {
  const files = deps.files;
  if (!files) return;
  for (const [openid, teamId] of Object.entries(leaders)) {
    const existing = await deps.store.find<PhotoDoc>('photos', { where: { targetId: teamId, role: 'logo' }, limit: 1 });
    if (existing.items.length) continue;
    const upload = await files.put({ folder: 'uploads', name: 'upload', kind: 'upload', body: drawLogo(teamId) });
    await seedCall(deps, 'activities', openid, 'addPhoto', { target: 'team', targetId: teamId, role: 'logo', fileId: upload.fileId }, `seed-logo-${teamId}`);
  }
}
