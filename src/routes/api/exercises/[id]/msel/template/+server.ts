import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, tokenOf } from '$lib/server/live/http.ts';
import { badRequest } from '$lib/server/live/errors.ts';
import { XLSX_TYPE, writeTemplateCsv, writeTemplateXlsx } from '$lib/server/live/msel.ts';

/** A Chinese MSEL template for the exercise's scenario (its seats), as .xlsx or CSV; it imports as it is. */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const a = registry().facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const format = url.searchParams.get('format') ?? 'xlsx';
    const name = `msel-template-${a.live.row.scenario_id}`;
    if (format === 'xlsx') {
      const body = await writeTemplateXlsx(a.live.scenario);
      return new Response(new Uint8Array(body), { headers: { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="${name}.xlsx"` } });
    }
    if (format === 'csv') {
      const body = await writeTemplateCsv(a.live.scenario);
      return new Response(new Uint8Array(body), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` } });
    }
    throw badRequest('format 应为 xlsx 或 csv', 'format must be xlsx or csv', [{ path: 'format', message: { zh: `未知格式"${format}"`, en: `unknown format "${format}"` } }]);
  });
