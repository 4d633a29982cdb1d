import { describe, expect, it } from 'vitest';
import { renderAngerChartSvg } from '../../src/core/report/angerChart';
import { cleanText, escapeHtml, escapeMarkdown, prepareQuote, shorten } from '../../src/core/report/renderEscape';
import { EXPORT_FORMAT, renderReportJson } from '../../src/core/report/renderExport';
import { renderReportHtml } from '../../src/core/report/renderHtml';
import { renderReportMarkdown } from '../../src/core/report/renderMarkdown';
import { buildFeedbackText } from '../../src/core/report/renderText';
import { debriefView } from '../../src/core/report/debriefView';
import type { Report } from '../../src/core/report/types';
import {
  HOSTILE,
  REPORT_CASES,
  hostileNl,
  hostileTranscript,
  resolvedNl,
  resolvedNlTranscript,
  stoppedZeroTurnsNl,
  walkedOutEn,
} from '../fixtures/reports';

describe('escapers', () => {
  it.each([
    ['[x](http://evil)', '\\[x\\]\\(http\\://evil\\)'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_x_ `y` <b> a|b ~z~', '\\_x\\_ \\`y\\` \\<b\\> a\\|b \\~z\\~'],
    ['# kop', '\\# kop'],
    ['- lijst', '\\- lijst'],
    ['1. eerste', '1\\. eerste'],
    ['> citaat', '\\> citaat'],
    ['![img](x)', '\\!\\[img\\]\\(x\\)'],
    ['a \\ b', 'a \\\\ b'],
    ['&lt;script&gt;', '\\&lt;script\\&gt;'],
    ['gewoon een zin.', 'gewoon een zin.'],
  ])('escapeMarkdown(%j) → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('removes invisible and control characters but keeps emoji whole', () => {
    expect(cleanText(HOSTILE.zeroWidth)).toBe('onzichtbaar omgekeerd');
    expect(cleanText('a\u0000b\u0007c\r\nd')).toBe('abc d');
    expect(cleanText(HOSTILE.emoji)).toBe(HOSTILE.emoji);
    expect(cleanText('a\n\n\n\nb', { singleLine: false })).toBe('a\n\nb');
  });

  it('shortens long quotes with an ellipsis, never splitting an emoji', () => {
    const short = prepareQuote(HOSTILE.long, 300);
    expect(short.length).toBeLessThanOrEqual(300);
    expect(short.endsWith('…')).toBe(true);
    expect(shorten('😡'.repeat(10), 5)).toBe('😡😡😡😡…');
    expect(shorten('👩‍👩‍👧'.repeat(4), 3)).toBe('👩‍👩‍👧👩‍👩‍👧…');
    expect(shorten('kort', 10)).toBe('kort');
  });
});

describe('renderReportMarkdown', () => {
  it('contains the report and the quotes', () => {
    const md = renderReportMarkdown(debriefView(resolvedNl, resolvedNlTranscript));
    expect(md).toMatch(/^# Nabespreking: Boze bewoner over een parkeerboete\n/);
    expect(md).toContain('**Score:** 86/100');
    expect(md).toContain('| Uitkomst | 35/35 | Opgelost: alle 35 punten. |');
    expect(md).toContain('`▇▆▇▆▅▄▄▃`');
    expect(md).toContain('- ✅ **2. Emotie erkennen** (gedaan) — beurt 3: “Ik snap dat dit heel frustrerend is”');
    expect(md).toContain('- ❌ **4. Samenvatten** (gemist)');
    expect(md).toContain('- ➖ **6. Grens stellen** (niet nodig)');
    expect(md).toContain('### Beurt 2: 72 → 84 (+12)');
    expect(md).toContain('> **Jij:** “Regels zijn regels, meneer.”');
    expect(md).toContain('*Beter:* “Ik begrijp dat u dit oneerlijk vindt. Laten we samen kijken wat er wel kan.”');
    expect(md).toContain('## Het hele gesprek');
    expect(md).toContain('- **Jij (beurt 7)** — *afspraken maken*');
    expect(md).toContain('Ik bel u morgen voor 12 uur terug over het bezwaar.');
  });

  it('speaks English for an English report', () => {
    const md = renderReportMarkdown(debriefView(walkedOutEn, []));
    expect(md).toContain('# Debrief: Patient refused a same-day appointment');
    expect(md).toContain('## What to do differently');
    expect(md).toContain('Nothing to show yet.');
  });

  it('shows hostile input literally: no links, emphasis, headings or HTML', () => {
    const md = renderReportMarkdown(debriefView(hostileNl, hostileTranscript));
    expect(md).not.toContain('](http');
    expect(md).not.toContain('http://');
    expect(md).toContain('\\[klik hier\\]\\(http\\://evil.example/steal\\)');
    expect(md).not.toMatch(/(^|[^\\])\*\*VET/m);
    expect(md).toContain('\\*\\*VET\\*\\*');
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    expect(md).toContain('\\<script\\>');
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).not.toMatch(/^\s*# Kop/m);
    expect(md).not.toMatch(/[\u200B\u200C\u2060\u202E\uFEFF]/);
    expect(md).toContain('😡👩‍👩‍👧🇳🇱');
    // The quote of 5,000 characters is shortened in the report part ...
    const quoteLines = md
      .split('## Het hele gesprek')[0]
      .split('\n')
      .filter((l) => l.includes('Dit is echt ongelooflijk'));
    expect(quoteLines.length).toBeGreaterThan(0);
    for (const line of quoteLines) expect(line.length).toBeLessThan(500);
    expect(quoteLines.some((l) => l.includes('…'))).toBe(true);
    // ... and kept whole in the transcript.
    expect(md.split('## Het hele gesprek')[1]).toContain(cleanText(HOSTILE.long));
    // A label id that is not a technique is shown escaped, as it is.
    expect(md).toContain('regels als schild, not\\_a\\_label');
  });

  it('keeps a multi-line reply inside its list item', () => {
    const md = renderReportMarkdown(
      debriefView(resolvedNl, [{ role: 'trainee', text: '# Kop\n- lijst\n> citaat', anger: 70, labels: [] }]),
    );
    expect(md).toContain('- **Jij (beurt 1)**  \n  \\# Kop  \n  \\- lijst  \n  \\> citaat');
  });
});

describe('renderReportHtml', () => {
  it('is a standalone page in the report language with the chart inline', () => {
    const svg = renderAngerChartSvg(resolvedNl);
    const html = renderReportHtml(debriefView(resolvedNl, resolvedNlTranscript), { chartSvg: svg });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain(svg.trim());
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link|<script|src="http/i);
    expect(html).toContain('<span class="big">86<small>/100</small></span>');
    expect(html).toContain('<q>Regels zijn regels, meneer.</q>');
    expect(renderReportHtml(debriefView(walkedOutEn, []))).toContain('<html lang="en">');
  });

  it('falls back to the sparkline without a chart', () => {
    expect(renderReportHtml(debriefView(stoppedZeroTurnsNl, []))).toContain(
      '<p class="spark" aria-hidden="true">▅</p>',
    );
  });

  it('escapes all user text: no <script>, no injected tags or attributes', () => {
    const html = renderReportHtml(debriefView(hostileNl, hostileTranscript), {
      chartSvg: renderAngerChartSvg(hostileNl),
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<h1>gehackt');
    expect(html).not.toContain('<b>vet</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Boze bewoner &lt;b&gt;vet&lt;/b&gt;');
    expect(html).not.toMatch(/[\u200B\u200C\u2060\u202E\uFEFF]/);
    // Only our own tags remain: every "<" opens a known tag.
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));
    const allowed = [
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'header',
      'h1',
      'h2',
      'h3',
      'p',
      'div',
      'span',
      'strong',
      'small',
      'main',
      'section',
      'table',
      'tr',
      'th',
      'td',
      'ul',
      'li',
      'q',
      'br',
      'figure',
      'footer',
      'svg',
      'desc',
      'rect',
      'text',
      'g',
      'line',
      'polyline',
      'circle',
      'polygon',
    ];
    for (const tag of tags) expect(allowed).toContain(tag);
  });
});

describe('renderReportJson', () => {
  it('is pretty, stable and complete', () => {
    const json = renderReportJson(resolvedNl, resolvedNlTranscript);
    const reordered = JSON.parse(
      JSON.stringify(
        resolvedNl,
        Object.keys(resolvedNl)
          .reverse()
          .concat(...allKeys(resolvedNl)),
      ),
    ) as Report;
    expect(renderReportJson(reordered, resolvedNlTranscript)).toBe(json);
    const parsed = JSON.parse(json) as ExportDocument;
    expect(parsed.format).toBe(EXPORT_FORMAT);
    expect(parsed.report).toEqual(resolvedNl);
    expect(parsed.transcript).toHaveLength(resolvedNlTranscript.length);
    expect(Object.keys(parsed)).toEqual(['format', 'report', 'schemaVersion', 'transcript']);
    expect(json).toMatch(/^\{\n {2}"format"/);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('keeps only the transcript fields it promises', () => {
    const json = renderReportJson(stoppedZeroTurnsNl, [
      { role: 'customer', text: 'x', anger: 60, labels: [], atMs: 5 } as never,
    ]);
    expect((JSON.parse(json) as ExportDocument).transcript).toEqual([
      { anger: 60, labels: [], role: 'customer', text: 'x' },
    ]);
  });

  it('round-trips hostile text exactly', () => {
    const parsed = JSON.parse(renderReportJson(hostileNl, hostileTranscript)) as ExportDocument;
    expect(parsed.transcript.map((e) => e.text)).toEqual(hostileTranscript.map((e) => e.text));
  });
});

describe('buildFeedbackText', () => {
  it('gives the debrief in plain text with a sparkline', () => {
    const text = buildFeedbackText(debriefView(resolvedNl));
    expect(text.split('\n')[0]).toBe('Nabespreking: Boze bewoner over een parkeerboete (Henk de Vries, normaal)');
    expect(text).toContain('Score: 86/100');
    expect(text).toContain('Boosheid per beurt: ▇▆▇▆▅▄▄▃');
    expect(text).toContain('✅ 2. Emotie erkennen — beurt 3: “Ik snap dat dit heel frustrerend is”');
    expect(text).toContain('• Tot kalm: 6 beurten (3 min 1 s)');
    expect(text).toContain('Beter: “Ik begrijp dat u dit oneerlijk vindt.');
    expect(buildFeedbackText(debriefView(walkedOutEn))).toContain('• Until calm: not reached');
  });

  it('says so when there were no turns', () => {
    expect(buildFeedbackText(debriefView(stoppedZeroTurnsNl))).toContain('Er is nog niet gereageerd');
  });

  it('keeps hostile quotes on one line, short and free of invisible characters', () => {
    const text = buildFeedbackText(debriefView(hostileNl));
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(400);
    expect(text).not.toMatch(/[\u200B\u200C\u2060\u202E\uFEFF]/);
    expect(text).not.toContain('\u0000');
    expect(text).toContain('…');
  });

  it.each(REPORT_CASES)('renders every fixture without throwing: $name', ({ report, transcript }) => {
    expect(buildFeedbackText(debriefView(report)).length).toBeGreaterThan(100);
    expect(renderReportMarkdown(debriefView(report, transcript)).length).toBeGreaterThan(100);
    expect(renderReportHtml(debriefView(report, transcript)).length).toBeGreaterThan(100);
    expect(() => JSON.parse(renderReportJson(report, transcript)) as unknown).not.toThrow();
  });
});

/** The JSON export, as a reader of the file sees it. */
interface ExportDocument {
  format: string;
  schemaVersion: number;
  report: Report;
  transcript: Array<{ role: string; text: string; anger: number; labels: string[] }>;
}

function allKeys(value: unknown): string[] {
  const keys = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object')
      for (const [k, child] of Object.entries(v)) {
        keys.add(k);
        visit(child);
      }
  };
  visit(value);
  return [...keys].reverse();
}
