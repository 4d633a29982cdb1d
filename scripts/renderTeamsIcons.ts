/**
 * Renders the Teams app icons from their SVG sources: `appPackage/icons/color.svg` → `appPackage/color.png`
 * (192×192, full colour) and `appPackage/icons/outline.svg` → `appPackage/outline.png` (32×32, white on
 * transparent). The PNGs are committed, so a fresh clone can package without running this; run it after
 * changing an SVG:
 *
 * @example
 * npm run build && node dist/scripts/renderTeamsIcons.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { Resvg } from '@resvg/resvg-js';
import { repoRoot } from '../src/config';

export interface TeamsIcon {
  /** SVG source, relative to appPackage/. */
  svg: string;
  /** PNG written next to manifest.json, relative to appPackage/. */
  png: string;
  /** Width and height in pixels that Teams demands. */
  size: number;
}

/** The two icons every Teams app package needs, with the sizes Teams checks on upload. */
export const TEAMS_ICONS: readonly TeamsIcon[] = Object.freeze([
  { svg: 'icons/color.svg', png: 'color.png', size: 192 },
  { svg: 'icons/outline.svg', png: 'outline.png', size: 32 },
]);

/** Renders one SVG to a PNG exactly `size` pixels wide (the sources are square), keeping transparency. */
export function renderIcon(svg: string, size: number): Buffer {
  if (!Number.isInteger(size) || size <= 0) throw new Error(`renderIcon: size must be a positive integer, got ${size}`);
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render();
  if (rendered.width !== size || rendered.height !== size) {
    throw new Error(
      `renderIcon: the SVG rendered to ${rendered.width}×${rendered.height}, expected a square ${size}×${size}`,
    );
  }
  return rendered.asPng();
}

/** Renders every icon of {@link TEAMS_ICONS} in `appDir` and returns the PNG paths written. */
export function renderTeamsIcons(appDir: string = path.join(repoRoot(__dirname), 'appPackage')): string[] {
  return TEAMS_ICONS.map((icon) => {
    const svg = fs.readFileSync(path.join(appDir, icon.svg), 'utf8');
    const target = path.join(appDir, icon.png);
    fs.writeFileSync(target, renderIcon(svg, icon.size));
    return target;
  });
}

if (require.main === module) {
  for (const file of renderTeamsIcons()) console.log(`wrote ${file}`);
}
