import { describe, expect, it } from 'vitest';
import { angerBand } from '../../src/core/engine/emotionModel';
import { bandRanges, describeAngerCurve, renderAngerChartSvg, renderSparkline } from '../../src/core/report/angerChart';
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
    for (const name of ['kalm 0–35', 'gespannen 35–60', 'boos 60–82', 'woedend 82–100']) expect(svg).toContain(name);
    expect(svg).toMatch(/class="calm-line"[^>]*stroke-dasharray="8 5"/);
    expect(svg).toContain('kalm-grens (40)');
    expect(renderAngerChartSvg(walkedOutEn)).toContain('furious 82–100');
  });

  it('derives its bands from the engine', () => {
    for (const range of bandRanges()) {
      expect(angerBand(range.from)).toBe(range.band);
      expect(angerBand(Math.max(range.from, range.to - 1))).toBe(range.band);
    }
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

  it('puts the curve points on the scale: turn 0 left, anger 100 at the top', () => {
    const svg = renderAngerChartSvg(
      { lang: 'en', angerCurve: [100, 0], calmLine: 40, keyMoments: [] },
      { width: 720, height: 360 },
    );
    const points = /class="curve" points="([^"]+)"/.exec(svg)?.[1];
    // left = 56, right = 720 - 112 = 608, top = 44, bottom = 360 - 74 = 286
    expect(points).toBe('56,44 608,286');
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
    expect(markers(svg)).toEqual([]);
    expect(svg).not.toContain('NaN');
    // 120 → 100 (top), −5 and NaN → 0 (bottom)
    expect(/class="curve" points="([^"]+)"/.exec(svg)?.[1]).toBe('56,44 332,286 608,286');
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
