/**
 * SVG → PNG for hosts that do not show SVG in cards (Teams). resvg renders
 * without a browser; the same SVG and the same installed fonts give the same bytes.
 */
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

let Resvg: typeof ResvgClass | undefined;

/**
 * Renders an SVG document (from `renderAngerChartSvg`) to PNG bytes at its own size.
 *
 * @example
 * res.setHeader('Content-Type', 'image/png'); res.send(svgToPng(renderAngerChartSvg(report)));
 */
export function svgToPng(svg: string): Buffer {
  if (typeof svg !== 'string' || !svg.includes('<svg')) throw new TypeError('svgToPng: expected an SVG document');
  // Loaded on the first chart, not at start: its native library is about 4 MB of resident memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: most processes never draw a PNG
  Resvg ??= (require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
