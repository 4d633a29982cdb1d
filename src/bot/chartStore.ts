import { randomBytes } from 'crypto';
import type { Storage } from 'botbuilder';
import type { ChartInput, Report } from '../core';

/** A stored chart: numbers only, never a word of the trainee, so it may outlive the conversation. */
export interface StoredChart {
  angerCurve: number[];
  keyMoments: Array<{ turn: number; delta: number }>;
  calmLine: number;
  lang: Report['lang'];
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * Keeps anger charts behind unguessable ids so channels that cannot show an
 * inline image (Teams) can load the PNG from our server. Any instance that
 * shares the storage can serve any chart.
 */
export class ChartStore {
  constructor(private readonly storage: Storage) {}

  async save(report: Pick<Report, 'angerCurve' | 'keyMoments' | 'calmLine' | 'lang'>): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const chart: StoredChart = {
      angerCurve: [...report.angerCurve],
      keyMoments: report.keyMoments.map(({ turn, delta }) => ({ turn, delta })),
      calmLine: report.calmLine,
      lang: report.lang,
    };
    await this.storage.write({ [`charts/${id}`]: { ...chart, eTag: '*' } });
    return id;
  }

  async load(id: string): Promise<ChartInput | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const key = `charts/${id}`;
    const found = (await this.storage.read([key]))[key] as StoredChart | undefined;
    if (!found || !Array.isArray(found.angerCurve)) return undefined;
    return {
      angerCurve: found.angerCurve,
      keyMoments: found.keyMoments ?? [],
      calmLine: found.calmLine,
      lang: found.lang,
    };
  }
}
