import type * as restify from 'restify';
import type { ChartStore } from '../bot';
import { renderAngerChartSvg } from '../core';
import type { Logger } from '../logging';
import { svgToPng } from './chartPng';
import { pathParam } from './route';

/** `GET /charts/:file` with `<id>.png` or `<id>.svg`: the anger chart of a finished role-play. */
export function registerChartRoutes(server: restify.Server, deps: { charts: ChartStore; log: Logger }): void {
  server.get('/charts/:file', async (req: restify.Request, res: restify.Response) => {
    const match = /^([A-Za-z0-9_-]{22})\.(png|svg)$/.exec(pathParam(req, 'file'));
    const chart = match ? await deps.charts.load(match[1]) : undefined;
    if (!match || !chart) {
      res.json(404, { error: 'not_found', message: 'No chart with that id.' });
      return;
    }
    const svg = renderAngerChartSvg(chart);
    res.setHeader('Cache-Control', 'private, max-age=86400');
    if (match[2] === 'svg') {
      res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
      res.sendRaw(200, svg);
    } else {
      res.setHeader('Content-Type', 'image/png');
      res.sendRaw(200, svgToPng(svg));
    }
    deps.log.debug('chart_served', { format: match[2] });
  });
}
