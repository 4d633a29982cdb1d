/**
 * The anger curve as a picture: a deterministic SVG (same report → same bytes:
 * no dates, no random ids, fixed number formatting) and a text sparkline for
 * channels without images. Pure: no I/O.
 */
import { angerBand } from '../engine/emotionModel';
import type { Lang } from '../lang';
import { escapeXml } from './renderEscape';
import { BAND_NAMES, LABELS, signed } from './renderLabels';
import type { KeyMoment, Report } from './types';

/** What the chart needs: no words of the trainee, so a chart can be stored and served on its own. */
export type ChartInput = Pick<Report, 'angerCurve' | 'calmLine' | 'lang'> & {
  keyMoments: ReadonlyArray<Pick<KeyMoment, 'turn' | 'delta'>>;
};

export interface ChartOptions {
  width?: number;
  height?: number;
  /** The chart's accessible name (`<title>`); defaults to "Boosheid per beurt" / "Anger per turn". */
  title?: string;
}

type Band = 'calm' | 'tense' | 'angry' | 'furious';

/**
 * Colours chosen from the Okabe–Ito palette (safe for the common colour-blindnesses)
 * as light tints behind dark ink, so a washed-out projector still shows them; every
 * band is also named in text, and up/down markers differ in shape, not only colour.
 */
export const CHART_COLOURS = {
  bands: { calm: '#D7ECF8', tense: '#FBF1C2', angry: '#FADDC0', furious: '#F5C9BA' } satisfies Record<Band, string>,
  curve: '#1B2A49',
  calmLine: '#00664F',
  up: '#B34700',
  down: '#005A8C',
  axis: '#333333',
  grid: '#FFFFFF',
  text: '#1A1A1A',
} as const;

const FONT = 'sans-serif';

/**
 * The bands as whole anger levels `from`–`to` (both included), derived from `angerBand`, so the chart can never
 * disagree with the engine: calm is 0 to CALM_ENOUGH, the level the calm line (the report's `calmLine`) marks.
 */
export function bandRanges(): Array<{ band: Band; from: number; to: number }> {
  const ranges: Array<{ band: Band; from: number; to: number }> = [];
  for (let v = 0; v <= 100; v++) {
    const band = angerBand(v);
    const last = ranges[ranges.length - 1];
    if (last && last.band === band) last.to = v;
    else ranges.push({ band, from: v, to: v });
  }
  return ranges;
}

/** A change of anger this big (either way) gets a ▲/▼ marker and a place in the description, key moment or not. */
export const MARKED_CHANGE = 10;

/** The turns the chart marks, with their change: the report's key moments and every change of MARKED_CHANGE or more. */
export function markedMoves(report: ChartInput): Array<{ turn: number; delta: number }> {
  const curve = report.angerCurve.map(clampAnger);
  const keyDelta = new Map(report.keyMoments.map((m) => [m.turn, m.delta]));
  const moves: Array<{ turn: number; delta: number }> = [];
  for (let turn = 1; turn < curve.length; turn++) {
    const delta = keyDelta.get(turn) ?? (curve[turn] ?? 0) - (curve[turn - 1] ?? 0);
    if (delta !== 0 && (keyDelta.has(turn) || Math.abs(delta) >= MARKED_CHANGE)) moves.push({ turn, delta });
  }
  return moves;
}

/** Fixed formatting: at most one decimal, never "-0". */
function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function clampAnger(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** A text description of the curve, for `<desc>`, alt texts and screen readers. */
export function describeAngerCurve(report: ChartInput): string {
  const lang = report.lang;
  const curve = report.angerCurve.map(clampAnger);
  if (curve.length === 0) return LABELS.nothingYet[lang];
  const start = curve[0];
  const final = curve[curve.length - 1];
  const peak = Math.max(...curve);
  const turns = curve.length - 1;
  const moments = markedMoves(report).map((m) => `${LABELS.turn[lang]} ${m.turn}: ${signed(m.delta)}`);
  const parts =
    lang === 'nl'
      ? [
          `${LABELS.angerCurve.nl}, van beurt 0 (opening) tot beurt ${turns}.`,
          `Start ${num(start)}, piek ${num(peak)}, eind ${num(final)}; kalm bij ${num(report.calmLine)} of lager.`,
          moments.length > 0 ? `Grootste bewegingen: ${moments.join('; ')}.` : '',
        ]
      : [
          `${LABELS.angerCurve.en}, from turn 0 (opening) to turn ${turns}.`,
          `Start ${num(start)}, peak ${num(peak)}, end ${num(final)}; calm at ${num(report.calmLine)} or below.`,
          moments.length > 0 ? `Biggest moves: ${moments.join('; ')}.` : '',
        ];
  return parts.filter((p) => p !== '').join(' ');
}

function triangle(cx: number, cy: number, size: number, up: boolean): string {
  const h = size;
  const w = size * 1.15;
  const pts = up
    ? [
        [cx, cy - h],
        [cx + w, cy + h * 0.75],
        [cx - w, cy + h * 0.75],
      ]
    : [
        [cx, cy + h],
        [cx + w, cy - h * 0.75],
        [cx - w, cy - h * 0.75],
      ];
  return pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
}

/** Parts of the chart that depend only on a few numbers and the language, drawn once per key. */
const DRAWN = new Map<string, string>();
const DRAWN_KEPT = 32;

function drawnOnce(key: string, draw: () => string): string {
  let drawn = DRAWN.get(key);
  if (drawn === undefined) {
    if (DRAWN.size >= DRAWN_KEPT) DRAWN.clear();
    drawn = draw();
    DRAWN.set(key, drawn);
  }
  return drawn;
}

/** The bands, named on the right, and the opening of the axes with its horizontal grid. */
function drawFixedLayers(lang: Lang, width: number, height: number): string[] {
  const { left, right, top, bottom } = plotArea(width, height);
  const y = (anger: number) => bottom - (anger / 100) * (bottom - top);
  const out: string[] = [];
  // Bands, named on the right.
  out.push('<g class="bands">');
  const ranges = bandRanges();
  ranges.forEach((range, i) => {
    // Each band's area reaches up to where the next one starts (the top band to 100).
    const yTop = y(ranges[i + 1]?.from ?? 100);
    const yBottom = y(range.from);
    out.push(
      `<rect x="${num(left)}" y="${num(yTop)}" width="${num(right - left)}" height="${num(yBottom - yTop)}" fill="${CHART_COLOURS.bands[range.band]}"/>`,
    );
    const label = `${BAND_NAMES[range.band][lang]} ${range.from}–${range.to}`;
    out.push(
      `<text x="${num(right + 8)}" y="${num((yTop + yBottom) / 2 + 4)}" font-size="12" fill="${CHART_COLOURS.text}">${escapeXml(label)}</text>`,
    );
  });
  out.push('</g>');

  // Grid and axes.
  out.push(`<g class="axes" font-size="12" fill="${CHART_COLOURS.text}">`);
  for (let v = 0; v <= 100; v += 20) {
    out.push(
      `<line x1="${num(left)}" y1="${num(y(v))}" x2="${num(right)}" y2="${num(y(v))}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`,
    );
    out.push(`<text x="${num(left - 8)}" y="${num(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  return out;
}

/** The legend under the chart. */
function drawLegend(lang: Lang, height: number, calm: string): string {
  const ly = height - 16;
  const legend: string[] = [];
  let lx = plotArea(0, height).left;
  const item = (mark: string, text: string) => {
    legend.push(
      mark
        .replace(/\{x\}/g, num(lx))
        .replace(/\{x2\}/g, num(lx + 26))
        .replace(/\{cx\}/g, num(lx + 13)),
    );
    legend.push(`<text x="${num(lx + 32)}" y="${num(ly + 4)}">${escapeXml(text)}</text>`);
    lx += 32 + text.length * 7 + 22;
  };
  item(
    `<line x1="{x}" y1="${ly}" x2="{x2}" y2="${ly}" stroke="${CHART_COLOURS.curve}" stroke-width="3"/>`,
    LABELS.anger[lang],
  );
  item(
    `<line x1="{x}" y1="${ly}" x2="{x2}" y2="${ly}" stroke="${CHART_COLOURS.calmLine}" stroke-width="2.5" stroke-dasharray="8 5"/>`,
    `${lang === 'nl' ? 'kalm-grens' : 'calm line'} (${calm})`,
  );
  const upPts = triangle(lx + 13, ly, 6, true);
  item(`<polygon points="${upPts}" fill="${CHART_COLOURS.up}"/>`, lang === 'nl' ? 'bozer' : 'angrier');
  const downPts = triangle(lx + 13, ly, 6, false);
  item(`<polygon points="${downPts}" fill="${CHART_COLOURS.down}"/>`, lang === 'nl' ? 'rustiger' : 'calmer');
  return `<g class="legend" font-size="12" fill="${CHART_COLOURS.text}">${legend.join('')}</g>`;
}

/** Where the curve is drawn inside a chart of this size. */
function plotArea(width: number, height: number): { left: number; right: number; top: number; bottom: number } {
  return { left: 56, right: width - 112, top: 20, bottom: height - 74 };
}

/**
 * Renders the anger curve as a standalone SVG document (UTF-8 text, no XML
 * declaration): y axis 0–100 with named bands, x axis in turns (0 = the
 * customer's opening), the dashed calm line, the curve, and ▲/▼ markers on the
 * key moments with a legend. `<title>` and `<desc>` are in the report language. The title is not drawn: every
 * place that shows the chart (the debrief card, the HTML export) already heads it with the same words.
 *
 * @example
 * const svg = renderAngerChartSvg(report); // same report → same string
 */
export function renderAngerChartSvg(report: ChartInput, options: ChartOptions = {}): string {
  const lang: Lang = report.lang;
  const width = Math.max(320, Math.round(options.width ?? 720));
  const height = Math.max(220, Math.round(options.height ?? 360));
  const title = options.title ?? LABELS.angerCurve[lang];
  const curve = report.angerCurve.map(clampAnger);
  const calmLine = clampAnger(report.calmLine);

  const { left, right, top, bottom } = plotArea(width, height);
  const xMax = Math.max(1, curve.length - 1);
  const x = (turn: number) => left + (turn / xMax) * (right - left);
  const y = (anger: number) => bottom - (anger / 100) * (bottom - top);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="anger-chart-title anger-chart-desc" font-family="${FONT}">`,
  );
  out.push(`<title id="anger-chart-title">${escapeXml(title)}</title>`);
  out.push(`<desc id="anger-chart-desc">${escapeXml(describeAngerCurve(report))}</desc>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>`);

  out.push(drawnOnce(`layers ${lang} ${width} ${height}`, () => drawFixedLayers(lang, width, height).join('\n')));
  const step = Math.max(1, Math.ceil(xMax / 12));
  for (let t = 0; t <= xMax; t++) {
    if (curve.length <= 1 && t > 0) continue;
    if (t % step !== 0 && t !== xMax) continue;
    if (t !== xMax && xMax - t < step / 2) continue;
    out.push(
      `<line x1="${num(x(t))}" y1="${num(bottom)}" x2="${num(x(t))}" y2="${num(bottom + 5)}" stroke="${CHART_COLOURS.axis}"/>`,
    );
    out.push(`<text x="${num(x(t))}" y="${num(bottom + 19)}" text-anchor="middle">${t}</text>`);
  }
  out.push(
    `<line x1="${num(left)}" y1="${num(bottom)}" x2="${num(right)}" y2="${num(bottom)}" stroke="${CHART_COLOURS.axis}" stroke-width="1.5"/>`,
    `<line x1="${num(left)}" y1="${num(top)}" x2="${num(left)}" y2="${num(bottom)}" stroke="${CHART_COLOURS.axis}" stroke-width="1.5"/>`,
  );
  const xTitle = lang === 'nl' ? 'beurt (0 = opening)' : 'turn (0 = opening)';
  out.push(
    `<text x="${num((left + right) / 2)}" y="${num(bottom + 37)}" text-anchor="middle">${escapeXml(xTitle)}</text>`,
  );
  out.push(
    `<text transform="translate(16 ${num((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(LABELS.anger[lang])} (0–100)</text>`,
  );
  out.push('</g>');

  // The calm line.
  out.push(
    `<line class="calm-line" x1="${num(left)}" y1="${num(y(calmLine))}" x2="${num(right)}" y2="${num(y(calmLine))}" stroke="${CHART_COLOURS.calmLine}" stroke-width="2.5" stroke-dasharray="8 5"/>`,
  );

  if (curve.length === 0) {
    out.push(
      `<text x="${num((left + right) / 2)}" y="${num((top + bottom) / 2)}" text-anchor="middle" font-size="15" fill="${CHART_COLOURS.text}">${escapeXml(LABELS.nothingYet[lang])}</text>`,
    );
  } else {
    const points = curve.map((v, i) => `${num(x(i))},${num(y(v))}`).join(' ');
    out.push(
      `<polyline class="curve" points="${points}" fill="none" stroke="${CHART_COLOURS.curve}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
    const moves = markedMoves(report);
    const marked = new Set(moves.map((m) => m.turn));
    out.push(`<g class="points" fill="#FFFFFF" stroke="${CHART_COLOURS.curve}" stroke-width="2">`);
    curve.forEach((v, i) => {
      if (!marked.has(i) || i === 0) out.push(`<circle cx="${num(x(i))}" cy="${num(y(v))}" r="3.5"/>`);
    });
    out.push('</g>');
    if (curve.length === 1) {
      const noTurns = lang === 'nl' ? 'alleen de opening: nog geen beurten' : 'opening only: no turns yet';
      out.push(
        `<text x="${num((left + right) / 2)}" y="${num(top + 20)}" text-anchor="middle" font-size="13" fill="${CHART_COLOURS.text}">${escapeXml(noTurns)}</text>`,
      );
    }

    // Markers: ▲ anger went up, ▼ anger went down (key moments and every big change).
    out.push('<g class="key-moments">');
    for (const m of moves) {
      const up = m.delta > 0;
      const cx = x(m.turn);
      const cy = y(curve[m.turn]);
      const colour = up ? CHART_COLOURS.up : CHART_COLOURS.down;
      out.push(
        `<polygon class="marker marker-${up ? 'up' : 'down'}" data-turn="${m.turn}" points="${triangle(cx, cy, 8, up)}" fill="${colour}" stroke="#FFFFFF" stroke-width="1.5"/>`,
      );
      const labelY = up ? Math.max(top + 12, cy - 14) : Math.min(bottom - 6, cy + 24);
      out.push(
        `<text x="${num(cx)}" y="${num(labelY)}" text-anchor="middle" font-size="12" font-weight="bold" fill="${colour}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">${escapeXml(signed(m.delta))}</text>`,
      );
    }
    out.push('</g>');
  }

  const calm = num(calmLine);
  out.push(drawnOnce(`legend ${lang} ${height} ${calm}`, () => drawLegend(lang, height, calm)));

  out.push('</svg>');
  return out.join('\n') + '\n';
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * The curve as block characters, one per value (0 → ▁, 100 → █).
 *
 * @example renderSparkline([0, 50, 100]) // '▁▅█'
 */
export function renderSparkline(curve: number[]): string {
  return curve.map((v) => BLOCKS[Math.min(7, Math.floor((clampAnger(v) / 100) * 8))]).join('');
}
