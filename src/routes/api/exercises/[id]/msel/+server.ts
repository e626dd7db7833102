import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, readBytes, readJson, tokenOf } from '$lib/server/live/http.ts';
import { LIMITS } from '$lib/server/live/limits.ts';
import { ApiError, badRequest, tooLarge } from '$lib/server/live/errors.ts';
import { MselError, XLSX_TYPE, checkJsonRows, checkRecords, readCsv, readXlsx, replacedLiveRows, writeCsv, writeXlsx, type MselRow } from '$lib/server/live/msel.ts';
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
  const sheet = e.issues.find((i) => i.sheet)?.sheet;
  const zhWhere = sheet ? `工作表"${sheet}"中` : '';
  const enWhere = sheet ? ` on sheet "${sheet}"` : '';
  return new ApiError(400, 'invalid-msel', `MSEL ${zhWhere}有 ${e.issues.length} 处错误，未作任何更改`, `the MSEL has ${e.issues.length} mistake(s)${enWhere}; nothing was changed`, e.issues);
}

/** An import that would drop or change injects added live needs `?replace=1`: 409 names them. */
function mustConfirm(ids: string[]): ApiError {
  const list = ids.slice(0, 20).join(', ') + (ids.length > 20 ? ' …' : '');
  return new ApiError(
    409,
    'msel-replace',
    `导入将替换或删除演练中添加的 ${ids.length} 条注入（${list}）；确认后请带 replace=1 重新导入`,
    `the import would replace or remove ${ids.length} inject(s) added to this exercise (${list}); import again with replace=1 to confirm`,
    ids.map((id) => ({ column: 'id', inject: id, message: { zh: `演练中添加的注入"${id}"将被替换或删除`, en: `inject "${id}", added to this exercise, would be replaced or removed` } }))
  );
}

function save(live: LiveExercise, rows: MselRow[]): Response {
  registry().setLiveRows(live, rows);
  return json({ injects: live.msel() });
}

/**
 * Import a MSEL: a CSV or .xlsx file (raw body with its Content-Type, or a multipart form with a
 * `file` field). It replaces the injects added to this exercise (`?replace=1` is needed when that
 * drops or changes one of them: else 409 `msel-replace`); `?sheet=` picks a workbook's sheet (else
 * the first with a header row). Every mistake is reported by sheet, row and column and then nothing changes.
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
      const parsed = isXlsx ? await readXlsx(data, url.searchParams.get('sheet') ?? undefined) : await readCsv(data);
      const rows = checkRecords(parsed, a.live.scenario);
      const replaced = replacedLiveRows(a.live.liveRows, rows);
      const replace = url.searchParams.get('replace');
      if (replaced.length && replace !== '1' && replace !== 'true') throw mustConfirm(replaced);
      return save(a.live, rows);
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
