/**
 * SVG → PNG for hosts that do not show SVG in cards (Teams). resvg renders
 * without a browser; the same SVG and the same installed fonts give the same bytes.
 */
import { Resvg } from '@resvg/resvg-js';

/**
 * Renders an SVG document (from `renderAngerChartSvg`) to PNG bytes at its own size.
 *
 * @example
 * res.setHeader('Content-Type', 'image/png'); res.send(svgToPng(renderAngerChartSvg(report)));
 */
export function svgToPng(svg: string): Buffer {
  if (typeof svg !== 'string' || !svg.includes('<svg')) throw new TypeError('svgToPng: expected an SVG document');
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
