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

/** Text in both languages: every MSEL mistake is worded in Chinese and English. */
export interface Both {
  zh: string;
  en: string;
}

export interface MselIssue {
  /** The worksheet the row is on (an Excel workbook only). */
  sheet?: string;
  row: number;
  /** The column's own name (id, at, to, …), whatever the file's header calls it. */
  column: string;
  /** The column's header as the file writes it (e.g. 时间), when it differs from `column`. */
  header?: string;
  /** A workbook's sheets (on the first issue, when it has more than one): the user may pick another. */
  sheets?: string[];
  message: Both;
}

export class MselError extends Error {
  constructor(readonly issues: MselIssue[]) {
    super(issues.map((i) => `${i.sheet ? `sheet "${i.sheet}", ` : ''}row ${i.row}, column ${i.header ?? i.column}: ${i.message.en}`).join('\n'));
    this.name = 'MselError';
  }
}

/**
 * Header names a MSEL may use for each column, Chinese or English (compared without case, spaces,
 * "*" and with full-width brackets as ASCII ones). docs/msel.md lists them.
 */
export const HEADER_NAMES: Record<(typeof MSEL_COLUMNS)[number], string[]> = {
  id: ['id', 'no', 'no.', '序号', '编号', '事件编号', '注入编号'],
  at: ['at', 'time', '时间', '触发时间', '注入时间', '演练时间'],
  to: ['to', 'seats', '接收席位', '接收方', '接收单位', '席位'],
  from_zh: ['from_zh', 'from', '发送方', '发送方(中文)', '来源', '来源(中文)', '发出单位'],
  from_en: ['from_en', '发送方(英文)', '来源(英文)', '发出单位(英文)'],
  text_zh: ['text_zh', 'text', '内容', '内容(中文)', '事件内容', '注入内容', '事件描述'],
  text_en: ['text_en', '内容(英文)', '英文内容', '事件内容(英文)', '注入内容(英文)'],
  manual: ['manual', '手动', '人工', '手动触发', '是否手动']
};
/** The Chinese header each column is given in the Chinese template. */
export const ZH_HEADERS: Record<(typeof MSEL_COLUMNS)[number], string> = {
  id: '序号',
  at: '时间',
  to: '接收席位',
  from_zh: '发送方',
  from_en: '发送方（英文）',
  text_zh: '内容',
  text_en: '内容（英文）',
  manual: '手动'
};
const normHeader = (h: string) => h.trim().toLowerCase().replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[\s*＊]/g, '');
const HEADER_OF = new Map<string, string>(Object.entries(HEADER_NAMES).flatMap(([col, names]) => names.map((n) => [normHeader(n), col] as [string, string])));
/** A header cell's column name (id, at, …), or the cell's text lower-cased if it names none. */
export const columnOf = (h: string): string => HEADER_OF.get(normHeader(h)) ?? h.trim().toLowerCase();
/** How many of the required columns a row of cells names: a row naming 3 or more is the header row. */
const headerScore = (cells: string[]) => new Set(cells.map(columnOf).filter((c) => (REQUIRED as readonly string[]).includes(c))).size;
/** Rows above the header looked at for it (title rows, notes). */
const HEADER_SEARCH = 20;

/** When an inject is delivered, in sim-minutes from the start, or null. */
export function parseAt(text: string): number | null {
  const s = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':')
    .replace(/^t\s*[+＋]\s*/i, '');
  if (!s) return null;
  const plain = parseDuration(s);
  if (plain !== null) return plain;
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/.exec(s);
  if (clock) {
    const [h, m, sec] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    return m < 60 && sec < 60 ? h * 60 + m + sec / 60 : null;
  }
  const zh = /^(?:(\d+(?:\.\d+)?)\s*[天日])?\s*(?:(\d+(?:\.\d+)?)\s*(?:个?小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min))?\s*(?:(\d+(?:\.\d+)?)\s*秒钟?)?$/.exec(s);
  if (zh && (zh[1] || zh[2] || zh[3] || zh[4])) return Number(zh[1] ?? 0) * 1440 + Number(zh[2] ?? 0) * 60 + Number(zh[3] ?? 0) + Number(zh[4] ?? 0) / 60;
  return null;
}

/** Excel's day 0 (1899-12-30): a time-of-day or [h]:mm cell is read as a date on that day or soon after. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

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
  if (v instanceof Date) {
    // A time cell (01:30, or a duration such as 26:00): minutes after Excel's day 0.
    const min = (v.getTime() - EXCEL_EPOCH) / 60000;
    if (min >= 0 && min < 60 * 1440) return `${Math.round(min * 1000) / 1000}min`;
    return v.toISOString();
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
  }
  return String(v).trim();
}

type Records = {
  /** Column names (id, at, …) by position. */
  header: string[];
  /** The header cells as the file writes them, by column name. */
  labels?: Record<string, string>;
  /** The worksheet read (Excel). */
  sheet?: string;
  /** All the workbook's sheets (Excel), named in header errors so that the user can pick one. */
  sheets?: string[];
  /** The header's row number (1 unless title rows come before it). */
  headerRow?: number;
  rows: { n: number; cells: Record<string, string> }[];
};

/** Column names and their header cells as written, for a header row. */
function headerOf(cells: string[]): { header: string[]; labels: Record<string, string> } {
  const labels = Object.create(null) as Record<string, string>;
  const header = cells.map((c) => {
    const col = c ? columnOf(c) : '';
    if (col && c.trim() !== col && !(col in labels)) labels[col] = c.trim();
    return col;
  });
  return { header, labels };
}

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
function tooManyRows(row: number, sheet?: string): ApiError {
  return new ApiError(413, 'too-large', `MSEL 最多 ${LIMITS.mselRows} 行`, `a MSEL has at most ${LIMITS.mselRows} rows`, [
    { ...(sheet ? { sheet } : {}), row, column: '', message: { zh: `第 ${row} 行超出了 ${LIMITS.mselRows} 行的上限（表头之后）`, en: `row ${row} is past the limit of ${LIMITS.mselRows} rows (after the header)` } }
  ]);
}

/** The cells of a worksheet row as text, by position. */
function rowTexts(ws: ExcelJS.Worksheet, n: number): string[] {
  const out: string[] = [];
  ws.getRow(n).eachCell({ includeEmpty: true }, (cell, col) => {
    out[col - 1] = cellText(cell.value);
  });
  return Array.from(out, (c) => c ?? '');
}

/** The header row of a worksheet: the first of its first rows naming 3 or more required columns, or 0. */
function headerRowOf(ws: ExcelJS.Worksheet): number {
  for (let n = 1; n <= Math.min(HEADER_SEARCH, ws.rowCount); n++) if (headerScore(rowTexts(ws, n)) >= 3) return n;
  return 0;
}

/** Rows of a worksheet under its header row as { row number, column → text }, by the header's names. */
function sheetRecords(ws: ExcelJS.Worksheet, headerRow: number): Records {
  const { header, labels } = headerOf(rowTexts(ws, headerRow));
  const rows: Records['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n <= headerRow) return;
    const { cells, any } = recordOf(header, (i) => cellText(row.getCell(i + 1).value));
    if (any) rows.push({ n, cells });
  });
  if (rows.length > LIMITS.mselRows) throw tooManyRows(rows[LIMITS.mselRows].n, ws.name);
  return { header, labels, sheet: ws.name, headerRow, rows };
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
  const colName = (k: number) => {
    const head = records.find((r) => headerScore(r) >= 3) ?? records[0];
    return head?.[k]?.trim().toLowerCase() || `#${k + 1}`;
  };
  const fail = (row: number, zh: string, en: string): never => {
    const column = colName(record.length);
    const col = columnOf(column);
    throw new MselError([{ row, column: col, ...(col !== column ? { header: column } : {}), message: { zh, en } }]);
  };
  const endField = () => {
    record.push(field);
    field = '';
    quoted = false;
    if (record.length > 1000) fail(records.length + 1, '超过 1000 列', 'more than 1000 columns');
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
        if (i >= n) fail(row, '引号括起的字段没有结束（缺少右引号 "）', 'a quoted field is not closed (a closing \'"\' is missing)');
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
      if (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') fail(records.length + 1, `右引号后还有文字：${JSON.stringify(src.slice(i, i + 20))}（请用引号括起整个字段，字段内的引号写两次）`, `unexpected text after a closing quote: ${JSON.stringify(src.slice(i, i + 20))} (quote the whole field and double the quotes inside it)`);
      continue;
    }
    if (c === '"') fail(records.length + 1, '字段中间有引号（"），但字段不以引号开头（请用引号括起整个字段，字段内的引号写两次）', 'a quote (") inside a field that does not begin with one (quote the whole field and double the quotes inside it)');
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
  // Title rows may come before the header: the header is the first row naming 3 required columns.
  let h = records.slice(0, HEADER_SEARCH).findIndex((r) => headerScore(r) >= 3);
  if (h < 0) h = 0;
  const { header, labels } = headerOf(records[h] ?? []);
  const rows: Records['rows'] = [];
  records.slice(h + 1).forEach((r, k) => {
    const { cells, any } = recordOf(header, (i) => (r[i] ?? '').trim());
    if (any) rows.push({ n: h + k + 2, cells });
  });
  return { header, labels, headerRow: h + 1, rows };
}

/**
 * An Excel workbook's MSEL: the sheet named `sheet` if given, else the first sheet with a header row
 * (a cover or notes sheet before it is passed over); title rows above the header are skipped.
 */
export async function readXlsx(data: Buffer, sheet?: string): Promise<Records> {
  // The zip's declared and actual sizes are checked before exceljs inflates anything.
  checkXlsx(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new MselError([{ row: 0, column: '', message: { zh: `不是可读取的 Excel 工作簿（.xlsx）：${(e as Error).message}`, en: `not a readable Excel workbook (.xlsx): ${(e as Error).message}` } }]);
  }
  const sheets = wb.worksheets;
  if (!sheets.length) throw new MselError([{ row: 0, column: '', message: { zh: '工作簿中没有工作表', en: 'the workbook has no worksheet' } }]);
  const names = sheets.map((w) => `"${w.name}"`).join(', ');
  if (sheet !== undefined && sheet !== '') {
    const ws = sheets.find((w) => w.name === sheet);
    if (!ws) throw new MselError([{ sheet, row: 0, column: '', sheets: sheets.map((w) => w.name), message: { zh: `工作簿中没有名为"${sheet}"的工作表（现有：${names}）`, en: `the workbook has no sheet "${sheet}" (sheets: ${names})` } }]);
    return { ...sheetRecords(ws, headerRowOf(ws) || 1), sheets: sheets.map((w) => w.name) };
  }
  for (const ws of sheets) {
    const h = headerRowOf(ws);
    if (h) return { ...sheetRecords(ws, h), sheets: sheets.map((w) => w.name) };
  }
  return { ...sheetRecords(sheets[0], 1), sheets: sheets.map((w) => w.name) };
}

/**
 * Check MSEL records against the scenario. Rows naming one of the scenario's injects must
 * leave it as the scenario has it (the scenario is fixed for a running exercise); every other
 * row is an inject added to this exercise. Throws MselError with every mistake.
 */
export function checkRecords(parsed: Records, scenario: Scenario): MselRow[] {
  const issues: MselIssue[] = [];
  const where = (column: string) => {
    const header = parsed.labels?.[column];
    return { ...(parsed.sheet !== undefined ? { sheet: parsed.sheet } : {}), column, ...(header ? { header } : {}) };
  };
  const zhCols = Object.values(ZH_HEADERS).join('、');
  for (const col of REQUIRED)
    if (!parsed.header.includes(col))
      issues.push({
        row: parsed.headerRow ?? 1,
        ...where(col),
        message: {
          zh: `表头中没有"${ZH_HEADERS[col]}"（${col}）列（应有的列：${zhCols}，或英文 ${MSEL_COLUMNS.join(', ')}；表头须在前 ${HEADER_SEARCH} 行内）`,
          en: `the header has no column "${col}" (expected columns: ${MSEL_COLUMNS.join(', ')}, or in Chinese ${zhCols}; the header must be within the first ${HEADER_SEARCH} rows)`
        }
      });
  const fail = () => {
    if (parsed.sheets && parsed.sheets.length > 1) issues[0].sheets = parsed.sheets;
    return new MselError(issues);
  };
  if (issues.length) throw fail();
  const seats = new Set(scenario.data.seats.map((s) => s.id));
  const own = new Map(scenarioRows(scenario).map((r) => [r.id, r]));
  const seen = new Map<string, number>();
  const out: MselRow[] = [];
  for (const { n, cells } of parsed.rows) {
    const bad = (column: string, zh: string, en: string) => issues.push({ row: n, ...where(column), message: { zh, en } });
    const before = issues.length;
    for (const col of MSEL_COLUMNS) if ((cells[col] ?? '').length > LIMITS.mselCell) bad(col, `最多 ${LIMITS.mselCell} 个字符（此单元格有 ${cells[col].length} 个）`, `at most ${LIMITS.mselCell} characters (this cell has ${cells[col].length})`);
    const id = cells.id ?? '';
    if (!id) bad('id', '缺少序号：每一行都需要一个序号（字母、数字、"-"、"_" 或 "."）', 'missing: every row needs an id');
    else if (!ID.test(id)) bad('id', `"${id}" 不能用作序号（只能用字母、数字、"-"、"_" 或 "."）`, `"${id}" is not an id (letters, digits, "-", "_" or ".")`);
    else if (seen.has(id)) bad('id', `序号"${id}"重复（第一次出现在第 ${seen.get(id)} 行）`, `"${id}" is used again (first on row ${seen.get(id)})`);
    else seen.set(id, n);
    const atText = cells.at ?? '';
    const at = parseAt(atText);
    if (!atText) bad('at', '缺少时间：注入在演练开始后多久送达，例如"01:30"、"90分钟"或"1小时30分"', 'missing: when the inject is delivered, e.g. "90min", "2h" or "01:30"');
    else if (at === null) {
      const date = /^\d{4}-\d{2}-\d{2}T/.test(atText);
      bad(
        'at',
        date ? `"${atText}" 是日期，不是演练开始后的时间（请写成"01:30"或"90分钟"，或把单元格设为时间格式）` : `"${atText}" 不是时间，可写成"90分钟"、"1小时30分"、"01:30"、"T+01:30"、"2h"或分钟数`,
        date ? `"${atText}" is a date, not a time from the start (write "01:30" or "90min", or format the cell as a time)` : `"${atText}" is not a time such as "90min", "2h", "1.5d", "01:30", "T+01:30", "1小时30分" or a number of minutes`
      );
    } else if (at > scenario.data.duration) bad('at', `${atText} 晚于情景结束时间（${formatAt(scenario.data.duration)}）`, `${atText} is after the scenario's end (${formatAt(scenario.data.duration)})`);
    const to = (cells.to ?? '').split(/[;,，；、\s]+/).filter(Boolean);
    const seatList = [...seats].join(', ');
    if (to.length === 0) bad('to', '缺少接收席位：填写席位编号，多个用";"分隔', 'missing: the seat ids it goes to, separated by ";"');
    for (const s of to) if (!seats.has(s)) bad('to', `未知席位"${s}"（席位：${seatList}）`, `unknown seat "${s}" (seats: ${seatList})`);
    if (!cells.text_zh) bad('text_zh', '缺少中文内容', 'missing: the inject text in Chinese');
    if (!cells.text_en) bad('text_en', '缺少英文内容', 'missing: the inject text in English');
    const fromZh = cells.from_zh ?? '';
    const fromEn = cells.from_en ?? '';
    if (!!fromZh !== !!fromEn) bad(fromZh ? 'from_en' : 'from_zh', '发送方须同时给出中文和英文，或都不填', 'give the sender in both languages or in neither');
    const manualText = (cells.manual ?? '').toLowerCase();
    let manual = false;
    if (['true', 'yes', '1', '是', 'y', '√', '✓'].includes(manualText)) manual = true;
    else if (!['', 'false', 'no', '0', '否', 'n'].includes(manualText)) bad('manual', `"${cells.manual}" 应为"是"或"否"`, `"${cells.manual}" is not true or false`);
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
      for (const [col, ok] of diffs) if (!ok) bad(col, `注入"${id}"属于情景本身，演练进行中不能修改；如需改动的副本，请给这一行一个新序号`, `inject "${id}" belongs to the scenario and cannot be changed in a running exercise; give the row a new id to add a changed copy`);
      if (issues.length > before) continue;
    }
    out.push(row);
  }
  if (issues.length) throw fail();
  return out;
}

/** The same checks for rows given as JSON objects (the console's editor); row numbers count from 1 like the list it shows. */
export function checkJsonRows(rows: unknown, scenario: Scenario): MselRow[] {
  if (!Array.isArray(rows)) throw new MselError([{ row: 0, column: '', message: { zh: '应为 { injects: [ ...行 ] }', en: 'expected { injects: [ ...rows ] }' } }]);
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

/** The Chinese template's example row: 90 minutes in, to the scenario's first seat. */
function templateExample(scenario: Scenario) {
  const seat = scenario.data.seats[0]?.id ?? '';
  return {
    id: 'demo-1',
    to: seat,
    from_zh: '12345热线',
    from_en: '12345 hotline',
    text_zh: '（示例，请替换）多名居民来电反映异味，请核实并处置。',
    text_en: '(Example, replace it) Several residents call about a strange smell; check and respond.',
    manual: '否'
  };
}

/**
 * A Chinese MSEL template for this scenario: a "说明" sheet (columns, time formats, the seats),
 * then a "MSEL" sheet with a title row, the Chinese header row and one example row whose time is
 * an Excel time cell (01:30). It imports as it is.
 */
export async function writeTemplateXlsx(scenario: Scenario): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('说明');
  cover.columns = [{ width: 22 }, { width: 70 }];
  cover.addRow([`主情景事件清单（MSEL）模板 — ${scenario.data.title.zh}`]).font = { bold: true, size: 14 };
  cover.addRow([]);
  cover.addRow(['列', '说明']).font = { bold: true };
  const notes: Record<(typeof MSEL_COLUMNS)[number], string> = {
    id: '必填。字母、数字、"-"、"_" 或 "."，不可重复',
    at: '必填。演练开始后多久送达：01:30、T+01:30、90分钟、1小时30分、2h；也可用时间格式的单元格',
    to: '必填。接收席位编号，多个用";"分隔（见下表）',
    from_zh: '选填。发送方（中文），与英文一起填写',
    from_en: '选填。发送方（英文）',
    text_zh: '必填。注入内容（中文）',
    text_en: '必填。注入内容（英文）',
    manual: '选填。"是"：由导调人员手动发出；"否"或空：到时自动送达'
  };
  for (const c of MSEL_COLUMNS) cover.addRow([ZH_HEADERS[c], notes[c]]);
  cover.addRow([]);
  cover.addRow(['席位编号', '席位']).font = { bold: true };
  for (const s of scenario.data.seats) cover.addRow([s.id, s.name.zh]);
  const ws = wb.addWorksheet('MSEL');
  ws.columns = MSEL_COLUMNS.map((c) => ({ key: c, width: c.startsWith('text') ? 50 : 16 }));
  ws.addRow([`主情景事件清单（MSEL）— ${scenario.data.title.zh}`]).font = { bold: true, size: 13 };
  ws.addRow(MSEL_COLUMNS.map((c) => ZH_HEADERS[c])).font = { bold: true };
  const ex = templateExample(scenario);
  const row = ws.addRow({ ...ex, at: new Date(EXCEL_EPOCH + 90 * 60000) });
  row.getCell(2).numFmt = '[h]:mm';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same template as CSV (UTF-8 with a byte-order mark): the Chinese header and the example row. */
export async function writeTemplateCsv(scenario: Scenario): Promise<Buffer> {
  const ex = templateExample(scenario);
  const rec: Record<string, string> = { ...ex, at: '01:30' };
  const lines = [MSEL_COLUMNS.map((c) => csvField(ZH_HEADERS[c])).join(','), MSEL_COLUMNS.map((c) => csvField(rec[c])).join(',')];
  return Buffer.from('\uFEFF' + lines.join('\n') + '\n', 'utf8');
}

/** Live rows an import would drop or change (ids), compared with the rows now in the exercise. */
export function replacedLiveRows(current: MselRow[], next: MselRow[]): string[] {
  const byId = new Map(next.map((r) => [r.id, r]));
  const key = (r: MselRow) => JSON.stringify([r.at, r.to, r.from ?? null, r.text, r.manual]);
  return current.filter((r) => r.origin === 'live').filter((r) => { const n = byId.get(r.id); return !n || key(n) !== key(r); }).map((r) => r.id);
}
