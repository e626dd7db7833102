import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, readBytes, readJson, tokenOf } from '$lib/server/live/http.ts';
import { LIMITS } from '$lib/server/live/limits.ts';
import { ApiError, badRequest, tooLarge } from '$lib/server/live/errors.ts';
import { MselError, XLSX_TYPE, checkJsonRows, checkRecords, readCsv, readXlsx, writeCsv, writeXlsx, type MselRow } from '$lib/server/live/msel.ts';
import type { LiveExercise } from '$lib/server/live/liveExercise.ts';

/** The exercise's MSEL (the scenario's injects, then those added here) as CSV or an Excel workbook. */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const a = registry().facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const format = url.searchParams.get('format') ?? 'csv';
    const rows = a.live.msel();
    if (format === 'json') return json({ injects: rows });
    const name = `${a.live.row.scenario_id}-msel`;
    if (format === 'csv') {
      const body = await writeCsv(rows);
      return new Response(new Uint8Array(body), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` } });
    }
    if (format === 'xlsx') {
      const body = await writeXlsx(rows);
      return new Response(new Uint8Array(body), { headers: { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="${name}.xlsx"` } });
    }
    throw badRequest('format 应为 csv、xlsx 或 json', 'format must be csv, xlsx or json', [{ path: 'format', message: `unknown format "${format}"` }]);
  });

function invalid(e: MselError): ApiError {
  return new ApiError(400, 'invalid-msel', `MSEL 有 ${e.issues.length} 处错误，未作任何更改`, `the MSEL has ${e.issues.length} mistake(s); nothing was changed`, e.issues);
}

function save(live: LiveExercise, rows: MselRow[]): Response {
  registry().setLiveRows(live, rows);
  return json({ injects: live.msel() });
}

/**
 * Import a MSEL: a CSV or .xlsx file (raw body with its Content-Type, or a multipart form with a
 * `file` field). It replaces the injects added to this exercise; every mistake is reported by row
 * and column and then nothing changes.
 */
export const POST: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const a = registry().facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    let type = (request.headers.get('content-type') ?? '').toLowerCase();
    let data: Buffer;
    let fileName = '';
    const what = { zh: 'MSEL 文件', en: 'the MSEL file' };
    if (type.startsWith('multipart/form-data')) {
      // The form around the file is small: the file's own limit plus room for the form's parts.
      const body = await readBytes(request, LIMITS.mselFile + 64 * 1024, what);
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(body), { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
      } catch {
        throw badRequest('表单无法解析', 'the multipart form cannot be read', [{ path: 'file', message: 'expected a multipart/form-data body with a "file" field' }]);
      }
      const file = form.get('file');
      if (!file || typeof file === 'string') throw badRequest('表单中没有 file 文件字段', 'the form has no "file" field with a file', [{ path: 'file', message: 'expected a CSV or .xlsx file' }]);
      if (file.size > LIMITS.mselFile) throw tooLarge(what, LIMITS.mselFile);
      data = Buffer.from(await file.arrayBuffer());
      type = (file.type || '').toLowerCase();
      fileName = file.name.toLowerCase();
    } else {
      data = await readBytes(request, LIMITS.mselFile, what);
    }
    const isXlsx = type.includes('spreadsheetml') || fileName.endsWith('.xlsx') || (data[0] === 0x50 && data[1] === 0x4b);
    const isCsv = !isXlsx && (type.includes('csv') || type.startsWith('text/') || fileName.endsWith('.csv') || type === '');
    if (!isXlsx && !isCsv) throw badRequest('应上传 CSV 或 .xlsx 文件', `expected a CSV or .xlsx file, got ${type || 'no content type'}`);
    try {
      const parsed = isXlsx ? await readXlsx(data) : await readCsv(data);
      return save(a.live, checkRecords(parsed, a.live.scenario));
    } catch (e) {
      if (e instanceof MselError) throw invalid(e);
      throw e;
    }
  });

/** The console's editor: the whole list as JSON rows { id, at, to, from?, text, manual }. */
export const PUT: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const a = registry().facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const body = (await readJson(request, LIMITS.mselJson)) as { injects?: unknown };
    try {
      return save(a.live, checkJsonRows(body?.injects, a.live.scenario));
    } catch (e) {
      if (e instanceof MselError) throw invalid(e);
      throw e;
    }
  });
