import { describe, expect, it } from 'vitest';
import { angerBand, CALM_ENOUGH } from '../../src/core/engine/emotionModel';
import {
  bandRanges,
  describeAngerCurve,
  MARKED_CHANGE,
  renderAngerChartSvg,
  renderSparkline,
  type ChartInput,
} from '../../src/core/report/angerChart';
import { svgToPng } from '../../src/server/chartPng';
import { boundaryStoppedEn, hostileNl, resolvedNl, stoppedZeroTurnsNl, walkedOutEn } from '../fixtures/reports';

const markers = (svg: string) =>
  [...svg.matchAll(/class="marker marker-(up|down)" data-turn="(\d+)"/g)].map((m) => ({
    dir: m[1],
    turn: Number(m[2]),
  }));

describe('renderAngerChartSvg', () => {
  it('gives identical bytes for the same input, also for a deep copy', () => {
    const a = renderAngerChartSvg(resolvedNl);
    const b = renderAngerChartSvg(structuredClone(resolvedNl));
    expect(b).toBe(a);
    expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}|NaN|undefined|Infinity/);
  });

  it('is a standalone SVG with title and desc in the report language', () => {
    const nl = renderAngerChartSvg(resolvedNl);
    expect(nl.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(nl).toContain('<title id="anger-chart-title">Boosheid per beurt</title>');
    expect(nl).toMatch(
      /<desc id="anger-chart-desc">Boosheid per beurt, van beurt 0 \(opening\) tot beurt 7\. Start 78, piek 84, eind 32/,
    );
    expect(nl).toContain('font-family="sans-serif"');
    const en = renderAngerChartSvg(walkedOutEn);
    expect(en).toContain('<title id="anger-chart-title">Anger per turn</title>');
    expect(en).toContain('Biggest moves: turn 1: +6; turn 3: +9; turn 4: +8.');
  });

  it('names every band in text and draws a dashed calm line', () => {
    const svg = renderAngerChartSvg(resolvedNl);
    for (const name of ['kalm 0–40', 'gespannen 41–59', 'boos 60–81', 'woedend 82–100']) expect(svg).toContain(name);
    expect(svg).toMatch(/class="calm-line"[^>]*stroke-dasharray="8 5"/);
    expect(svg).toContain('kalm-grens (40)');
    expect(renderAngerChartSvg(walkedOutEn)).toContain('furious 82–100');
  });

  it('derives its bands from the engine, whole levels from 0 to 100 without a gap', () => {
    const ranges = bandRanges();
    expect(ranges[0]?.from).toBe(0);
    expect(ranges.at(-1)?.to).toBe(100);
    ranges.forEach((range, i) => {
      expect(angerBand(range.from)).toBe(range.band);
      expect(angerBand(range.to)).toBe(range.band);
      if (i > 0) expect(range.from).toBe((ranges[i - 1]?.to ?? Number.NaN) + 1);
    });
  });

  it('calls calm in the band what it calls calm on the line and in the description: one constant', () => {
    const calm = bandRanges().find((range) => range.band === 'calm');
    expect(calm).toEqual({ band: 'calm', from: 0, to: CALM_ENOUGH });
    expect(resolvedNl.calmLine).toBe(CALM_ENOUGH);
    const svg = renderAngerChartSvg(resolvedNl);
    expect(svg).toContain(`kalm 0–${CALM_ENOUGH}<`);
    expect(svg).toContain(`kalm-grens (${CALM_ENOUGH})<`);
    expect(describeAngerCurve(resolvedNl)).toContain(`kalm bij ${CALM_ENOUGH} of lager`);
  });

  it('marks the key moments: ▲ where anger rose, ▼ where it fell', () => {
    expect(markers(renderAngerChartSvg(resolvedNl))).toEqual([
      { dir: 'up', turn: 2 },
      { dir: 'down', turn: 3 },
      { dir: 'down', turn: 5 },
    ]);
    expect(markers(renderAngerChartSvg(boundaryStoppedEn))).toEqual([
      { dir: 'up', turn: 2 },
      { dir: 'down', turn: 4 },
      { dir: 'up', turn: 5 },
    ]);
    expect(renderAngerChartSvg(resolvedNl)).toContain('>+12<');
    expect(renderAngerChartSvg(resolvedNl)).toContain('>−14<');
  });

  // The curve falls by 20 three times, so the three key moments are those; the rise of +15 and the fall of −15
  // are no key moment, yet the trainee must see them.
  const bigMovesOutsideKeyMoments: ChartInput = {
    lang: 'nl',
    angerCurve: [80, 60, 40, 55, 35, 20],
    calmLine: 40,
    keyMoments: [
      { turn: 1, delta: -20 },
      { turn: 2, delta: -20 },
      { turn: 4, delta: -20 },
    ],
  };

  it.each([
    ['a rise of +15', 'up', 3, '+15'],
    ['a fall of −15', 'down', 5, '−15'],
  ])('marks %s that is no key moment, and names it in the alt text', (_name, dir, turn, change) => {
    const svg = renderAngerChartSvg(bigMovesOutsideKeyMoments);
    expect(markers(svg)).toContainEqual({ dir, turn });
    expect(svg).toContain(`>${change}<`);
    expect(describeAngerCurve(bigMovesOutsideKeyMoments)).toContain(`beurt ${turn}: ${change}`);
  });

  it(`leaves a change smaller than ${MARKED_CHANGE} unmarked unless it is a key moment`, () => {
    const small: ChartInput = {
      lang: 'en',
      angerCurve: [60, 69, 60],
      calmLine: 40,
      keyMoments: [{ turn: 2, delta: -9 }],
    };
    expect(markers(renderAngerChartSvg(small))).toEqual([{ dir: 'down', turn: 2 }]);
    expect(describeAngerCurve(small)).toContain('Biggest moves: turn 2: −9.');
  });

  it('names itself for screen readers but draws no title: the card and the HTML export head it already', () => {
    const svg = renderAngerChartSvg(resolvedNl);
    expect(svg).toContain('<title id="anger-chart-title">');
    expect(svg.split('Boosheid per beurt').length - 1).toBe(2); // the <title> and the start of the <desc>
  });

  it('puts the curve points on the scale: turn 0 left, anger 100 at the top', () => {
    const svg = renderAngerChartSvg(
      { lang: 'en', angerCurve: [100, 0], calmLine: 40, keyMoments: [] },
      { width: 720, height: 360 },
    );
    const points = /class="curve" points="([^"]+)"/.exec(svg)?.[1];
    // left = 56, right = 720 - 112 = 608, top = 20, bottom = 360 - 74 = 286
    expect(points).toBe('56,20 608,286');
  });

  it('handles zero turns (opening only) and an empty curve', () => {
    const one = renderAngerChartSvg(stoppedZeroTurnsNl);
    expect(one).toContain('alleen de opening: nog geen beurten');
    expect(markers(one)).toEqual([]);
    expect(one).toContain('<circle');
    const none = renderAngerChartSvg({ lang: 'en', angerCurve: [], calmLine: 40, keyMoments: [] });
    expect(none).toContain('Nothing to show yet.');
    expect(none).not.toContain('class="curve"');
    expect(describeAngerCurve({ lang: 'nl', angerCurve: [], calmLine: 40, keyMoments: [] })).toBe(
      'Nog niets om te tonen.',
    );
  });

  it('ignores key moments outside the curve and clamps odd values', () => {
    const svg = renderAngerChartSvg({
      lang: 'nl',
      angerCurve: [120, -5, Number.NaN],
      calmLine: 40,
      keyMoments: [{ ...resolvedNl.keyMoments[0], turn: 9 }],
    });
    // Only the (clamped) fall from 100 to 0 is marked; turn 9 is not on the curve.
    expect(markers(svg)).toEqual([{ dir: 'down', turn: 1 }]);
    expect(svg).not.toContain('NaN');
    // 120 → 100 (top), −5 and NaN → 0 (bottom)
    expect(/class="curve" points="([^"]+)"/.exec(svg)?.[1]).toBe('56,20 332,286 608,286');
  });

  it('escapes a title', () => {
    const svg = renderAngerChartSvg(hostileNl, { title: '<script>alert(1)</script> & "x"' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });
});

describe('svgToPng', () => {
  it('renders a PNG, byte-identical for the same SVG', () => {
    const svg = renderAngerChartSvg(resolvedNl);
    const a = svgToPng(svg);
    const b = svgToPng(renderAngerChartSvg(structuredClone(resolvedNl)));
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(a.readUInt32BE(16)).toBe(720); // IHDR width
    expect(a.readUInt32BE(20)).toBe(360); // IHDR height
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('differs when the curve differs', () => {
    expect(
      Buffer.compare(svgToPng(renderAngerChartSvg(resolvedNl)), svgToPng(renderAngerChartSvg(walkedOutEn))),
    ).not.toBe(0);
  });

  it('refuses what is not an SVG', () => {
    expect(() => svgToPng('hello')).toThrow(/svgToPng/);
  });
});

describe('renderSparkline', () => {
  it.each([
    [[0, 50, 100], '▁▅█'],
    [[0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5], '▁▂▃▄▅▆▇█'],
    [[], ''],
    [[-10, 200, Number.NaN], '▁█▁'],
  ])('%j → %s', (curve, expected) => {
    expect(renderSparkline(curve)).toBe(expected);
  });

  it('has one character per value of a report curve', () => {
    expect(renderSparkline(resolvedNl.angerCurve)).toBe('▇▆▇▆▅▄▄▃');
  });
});
