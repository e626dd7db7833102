/**
 * The master scenario events list (MSEL) in and out: CSV or an Excel workbook, read and written
 * with exceljs. Rows are checked one by one and every mistake is reported with its row (as a
 * spreadsheet numbers it: the header is row 1) and column; a file with any mistake changes nothing.
 */
import ExcelJS from 'exceljs';
import { ApiError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { checkXlsx } from './zipCheck.ts';
import { csvField } from '../../../report/csv.ts';
import type { Scenario } from '../../../../engine/index.ts';
import { parseDuration } from '../../../../engine/index.ts';

export const MSEL_COLUMNS = ['id', 'at', 'to', 'from_zh', 'from_en', 'text_zh', 'text_en', 'manual'] as const;
const REQUIRED = ['id', 'at', 'to', 'text_zh', 'text_en'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface MselRow {
  id: string;
  /** Sim-minutes. */
  at: number;
  to: string[];
  from?: { zh: string; en: string };
  text: { zh: string; en: string };
  manual: boolean;
  /** 'scenario': one of the scenario's own injects (fixed by the scenario); 'live': added to this exercise. */
  origin: 'scenario' | 'live';
}

export interface MselIssue {
  row: number;
  column: string;
  message: string;
}

export class MselError extends Error {
  constructor(readonly issues: MselIssue[]) {
    super(issues.map((i) => `row ${i.row}, column ${i.column}: ${i.message}`).join('\n'));
    this.name = 'MselError';
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The scenario's own injects as MSEL rows. */
export function scenarioRows(scenario: Scenario): MselRow[] {
  return scenario.data.injects.map((i) => ({
    id: i.id,
    at: i.at,
    to: [...i.to],
    ...(i.from ? { from: { ...i.from } } : {}),
    text: { ...i.text },
    manual: i.manual,
    origin: 'scenario' as const
  }));
}

/** "90min", "2h", "1d" (whole units), else minutes. */
export function formatAt(min: number): string {
  if (min > 0 && min % 1440 === 0) return `${min / 1440}d`;
  if (min > 0 && min % 60 === 0) return `${min / 60}h`;
  return `${Math.round(min * 1000) / 1000}min`;
}

/** A cell's value as text (exceljs gives numbers, booleans, rich text or formula results for xlsx). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
  }
  return String(v).trim();
}

type Records = { header: string[]; rows: { n: number; cells: Record<string, string> }[] };

/** A cell as imported: a "'" that an export put before a formula-like text is taken off again. */
function importedCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A record of cells by header name (a null-prototype object: the names come from the file). */
function recordOf(header: string[], cellAt: (i: number) => string): { cells: Record<string, string>; any: boolean } {
  const cells = Object.create(null) as Record<string, string>;
  let any = false;
  header.forEach((name, i) => {
    if (!name) return;
    const text = importedCell(cellAt(i));
    if (text) any = true;
    cells[name] = text;
  });
  return { cells, any };
}

/** Over the row limit: 413 naming the first row too many (rows as a spreadsheet numbers them). */
function tooManyRows(row: number): ApiError {
  return new ApiError(413, 'too-large', `MSEL 最多 ${LIMITS.mselRows} 行`, `a MSEL has at most ${LIMITS.mselRows} rows`, [{ row, column: '', message: `row ${row} is past the limit of ${LIMITS.mselRows} rows (after the header)` }]);
}

/** Rows of a worksheet as { row number, column → text }, by the header row's names. */
function sheetRecords(ws: ExcelJS.Worksheet): Records {
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = cellText(cell.value).toLowerCase();
  });
  const rows: Records['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const { cells, any } = recordOf(header, (i) => cellText(row.getCell(i + 1).value));
    if (any) rows.push({ n, cells });
  });
  if (rows.length > LIMITS.mselRows) throw tooManyRows(rows[LIMITS.mselRows].n);
  return { header, rows };
}

/**
 * Parse CSV (RFC 4180: fields separated by ",", quoted with '"', a quote doubled inside quotes,
 * records ended by CRLF or LF; a UTF-8 byte-order mark is skipped). A malformed file is a
 * MselError naming the row and column; more rows than the limit is a 413.
 */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = src.length;
  const colName = (k: number) => records[0]?.[k]?.trim().toLowerCase() || `#${k + 1}`;
  const fail = (row: number, message: string): never => {
    throw new MselError([{ row, column: colName(record.length), message }]);
  };
  const endField = () => {
    record.push(field);
    field = '';
    quoted = false;
    if (record.length > 1000) fail(records.length + 1, 'more than 1000 columns');
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    // Data rows beyond the limit (the header is the first record): stop reading.
    if (records.length > LIMITS.mselRows + 1) throw tooManyRows(records.length);
  };
  while (i < n) {
    const c = src[i];
    if (c === '"' && field === '' && !quoted) {
      // A quoted field, up to its closing quote; "" inside is one quote.
      const row = records.length + 1;
      i++;
      for (;;) {
        if (i >= n) fail(row, 'a quoted field is not closed (a closing \'"\' is missing)');
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += src[i++];
      }
      quoted = true;
      if (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') fail(records.length + 1, `unexpected text after a closing quote: ${JSON.stringify(src.slice(i, i + 20))} (quote the whole field and double the quotes inside it)`);
      continue;
    }
    if (c === '"') fail(records.length + 1, 'a quote (") inside a field that does not begin with one (quote the whole field and double the quotes inside it)');
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || quoted || record.length) endRecord();
  return records;
}

export async function readCsv(data: Buffer | string): Promise<Records> {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const records = parseCsv(text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const rows: Records['rows'] = [];
  records.slice(1).forEach((r, k) => {
    const { cells, any } = recordOf(header, (i) => (r[i] ?? '').trim());
    if (any) rows.push({ n: k + 2, cells });
  });
  return { header, rows };
}

export async function readXlsx(data: Buffer): Promise<Records> {
  // The zip's declared and actual sizes are checked before exceljs inflates anything.
  checkXlsx(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new MselError([{ row: 0, column: '', message: `not a readable Excel workbook (.xlsx): ${(e as Error).message}` }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new MselError([{ row: 0, column: '', message: 'the workbook has no worksheet' }]);
  return sheetRecords(ws);
}

/**
 * Check MSEL records against the scenario. Rows naming one of the scenario's injects must
 * leave it as the scenario has it (the scenario is fixed for a running exercise); every other
 * row is an inject added to this exercise. Throws MselError with every mistake.
 */
export function checkRecords(parsed: Records, scenario: Scenario): MselRow[] {
  const issues: MselIssue[] = [];
  for (const col of REQUIRED) if (!parsed.header.includes(col)) issues.push({ row: 1, column: col, message: `the header has no column "${col}" (expected columns: ${MSEL_COLUMNS.join(', ')})` });
  if (issues.length) throw new MselError(issues);
  const seats = new Set(scenario.data.seats.map((s) => s.id));
  const own = new Map(scenarioRows(scenario).map((r) => [r.id, r]));
  const seen = new Map<string, number>();
  const out: MselRow[] = [];
  for (const { n, cells } of parsed.rows) {
    const bad = (column: string, message: string) => issues.push({ row: n, column, message });
    const before = issues.length;
    for (const col of MSEL_COLUMNS) if ((cells[col] ?? '').length > LIMITS.mselCell) bad(col, `at most ${LIMITS.mselCell} characters (this cell has ${cells[col].length})`);
    const id = cells.id ?? '';
    if (!id) bad('id', 'missing: every row needs an id');
    else if (!ID.test(id)) bad('id', `"${id}" is not an id (letters, digits, "-", "_" or ".")`);
    else if (seen.has(id)) bad('id', `"${id}" is used again (first on row ${seen.get(id)})`);
    else seen.set(id, n);
    const at = parseDuration(cells.at ?? '');
    if (!cells.at) bad('at', 'missing: when the inject is delivered, e.g. "90min" or "2h"');
    else if (at === null) bad('at', `"${cells.at}" is not a time such as "90min", "2h", "1.5d" or a number of minutes`);
    else if (at > scenario.data.duration) bad('at', `${cells.at} is after the scenario's end (${formatAt(scenario.data.duration)})`);
    const to = (cells.to ?? '').split(/[;,，；\s]+/).filter(Boolean);
    if (to.length === 0) bad('to', 'missing: the seat ids it goes to, separated by ";"');
    for (const s of to) if (!seats.has(s)) bad('to', `unknown seat "${s}" (seats: ${[...seats].join(', ')})`);
    if (!cells.text_zh) bad('text_zh', 'missing: the inject text in Chinese');
    if (!cells.text_en) bad('text_en', 'missing: the inject text in English');
    const fromZh = cells.from_zh ?? '';
    const fromEn = cells.from_en ?? '';
    if (!!fromZh !== !!fromEn) bad(fromZh ? 'from_en' : 'from_zh', 'give the sender in both languages or in neither');
    const manualText = (cells.manual ?? '').toLowerCase();
    let manual = false;
    if (['true', 'yes', '1', '是', 'y'].includes(manualText)) manual = true;
    else if (!['', 'false', 'no', '0', '否', 'n'].includes(manualText)) bad('manual', `"${cells.manual}" is not true or false`);
    if (issues.length > before) continue;
    const row: MselRow = {
      id,
      at: at!,
      to,
      ...(fromZh ? { from: { zh: fromZh, en: fromEn } } : {}),
      text: { zh: cells.text_zh, en: cells.text_en },
      manual,
      origin: own.has(id) ? 'scenario' : 'live'
    };
    const orig = own.get(id);
    if (orig) {
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const diffs: [string, boolean][] = [
        ['at', Math.abs(orig.at - row.at) < 1e-9],
        ['to', same(orig.to, row.to)],
        ['text_zh', orig.text.zh === row.text.zh],
        ['text_en', orig.text.en === row.text.en],
        ['from_zh', (orig.from?.zh ?? '') === fromZh],
        ['from_en', (orig.from?.en ?? '') === fromEn],
        ['manual', orig.manual === row.manual]
      ];
      for (const [col, ok] of diffs) if (!ok) bad(col, `inject "${id}" belongs to the scenario and cannot be changed in a running exercise; give the row a new id to add a changed copy`);
      if (issues.length > before) continue;
    }
    out.push(row);
  }
  if (issues.length) throw new MselError(issues);
  return out;
}

/** The same checks for rows given as JSON objects (the console's editor); row numbers count from 1 like the list it shows. */
export function checkJsonRows(rows: unknown, scenario: Scenario): MselRow[] {
  if (!Array.isArray(rows)) throw new MselError([{ row: 0, column: '', message: 'expected { injects: [ ...rows ] }' }]);
  if (rows.length > LIMITS.mselRows) throw tooManyRows(LIMITS.mselRows + 1);
  const header = [...MSEL_COLUMNS] as string[];
  const records = rows.map((r, i) => {
    const o = (r ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
    const lt = (v: unknown, k: 'zh' | 'en') => (v && typeof v === 'object' ? text((v as Record<string, unknown>)[k]) : '');
    return {
      n: i + 1,
      cells: {
        id: text(o.id),
        at: typeof o.at === 'number' ? String(o.at) : text(o.at),
        to: Array.isArray(o.to) ? o.to.map(String).join(';') : text(o.to),
        from_zh: text(o.from_zh) || lt(o.from, 'zh'),
        from_en: text(o.from_en) || lt(o.from, 'en'),
        text_zh: text(o.text_zh) || lt(o.text, 'zh'),
        text_en: text(o.text_en) || lt(o.text, 'en'),
        manual: typeof o.manual === 'boolean' ? String(o.manual) : text(o.manual)
      }
    };
  });
  return checkRecords({ header, rows: records }, scenario);
}

function toRecord(r: MselRow): Record<(typeof MSEL_COLUMNS)[number], string> {
  return {
    id: r.id,
    at: formatAt(r.at),
    to: r.to.join(';'),
    from_zh: r.from?.zh ?? '',
    from_en: r.from?.en ?? '',
    text_zh: r.text.zh,
    text_en: r.text.en,
    manual: r.manual ? 'true' : 'false'
  };
}

function workbookOf(rows: MselRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('MSEL');
  ws.columns = MSEL_COLUMNS.map((c) => ({ header: c, key: c, width: c.startsWith('text') ? 60 : 16 }));
  for (const r of rows) ws.addRow(toRecord(r));
  return wb;
}

/** The MSEL as CSV: cells a spreadsheet would take for a formula begin with "'" (the import takes it off again). */
export async function writeCsv(rows: MselRow[]): Promise<Buffer> {
  const lines = [MSEL_COLUMNS.join(','), ...rows.map((r) => {
    const rec = toRecord(r);
    return MSEL_COLUMNS.map((c) => csvField(rec[c])).join(',');
  })];
  // A byte-order mark so that spreadsheet programs read the Chinese text as UTF-8.
  return Buffer.from('\uFEFF' + lines.join('\n') + '\n', 'utf8');
}

export async function writeXlsx(rows: MselRow[]): Promise<Buffer> {
  return Buffer.from(await workbookOf(rows).xlsx.writeBuffer());
}
