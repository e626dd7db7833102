/**
 * An .xlsx is a zip: before exceljs inflates it, check what it would expand to. The central
 * directory's declared sizes must stay within the limits, and each entry is inflated here with
 * `maxOutputLength` set to its declared size, so an entry that lies about its size (a zip bomb)
 * is caught after at most that many bytes. Worksheets are also counted by rows and cells.
 */
import { inflateRawSync } from 'node:zlib';
import { ApiError, formatBytes } from './errors.ts';
import { MselError } from './msel.ts';
import { LIMITS } from './limits.ts';

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Cells a worksheet may hold (rows × columns of a MSEL, with room to spare). */
const MAX_CELLS = (LIMITS.mselRows + 1) * 20;

const notZip = (why: string, zhWhy: string) => new MselError([{ row: 0, column: '', message: { zh: `不是可读取的 Excel 工作簿（.xlsx）：${zhWhy}`, en: `not a readable Excel workbook (.xlsx): ${why}` } }]);
const tooBig = (en: string, zh: string) => new ApiError(413, 'too-large', zh, en, [{ row: 0, column: '', message: { zh, en } }]);

export function checkXlsx(data: Buffer): void {
  // The end-of-central-directory record: in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip('no zip directory found', '找不到 zip 目录');
  const entries = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw tooBig('the workbook is a ZIP64 archive, which a MSEL never needs', '工作簿为 ZIP64 格式，MSEL 不需要如此之大');
  if (entries > LIMITS.xlsxEntries) throw tooBig(`the workbook has ${entries} parts; at most ${LIMITS.xlsxEntries}`, `工作簿包含 ${entries} 个部件，最多 ${LIMITS.xlsxEntries} 个`);
  if (cdOffset + cdSize > data.length) throw notZip('the zip directory is cut off', 'zip 目录不完整');
  let p = cdOffset;
  let declaredTotal = 0;
  const list: { name: string; method: number; comp: number; size: number; local: number }[] = [];
  for (let k = 0; k < entries; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CEN) throw notZip('a zip directory entry is damaged', 'zip 目录项已损坏');
    const method = data.readUInt16LE(p + 10);
    const comp = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const name = data.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    declaredTotal += size;
    if (declaredTotal > LIMITS.xlsxUncompressed) throw tooBig(`the workbook expands to more than ${formatBytes(LIMITS.xlsxUncompressed)}`, `工作簿解压后超过 ${formatBytes(LIMITS.xlsxUncompressed)}`);
    list.push({ name, method, comp, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // Inflate each entry, never past its declared size: the actual sizes are then within the limit too.
  for (const e of list) {
    if (e.local + 30 > data.length || data.readUInt32LE(e.local) !== LOC) throw notZip(`the part ${e.name} is damaged`, `部件 ${e.name} 已损坏`);
    const start = e.local + 30 + data.readUInt16LE(e.local + 26) + data.readUInt16LE(e.local + 28);
    if (start + e.comp > data.length) throw notZip(`the part ${e.name} is cut off`, `部件 ${e.name} 不完整`);
    const raw = data.subarray(start, start + e.comp);
    let out: Buffer;
    if (e.method === 0) {
      if (e.comp !== e.size) throw notZip(`the part ${e.name} has inconsistent sizes`, `部件 ${e.name} 的大小前后不一致`);
      out = raw;
    } else if (e.method === 8) {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw tooBig(`the part ${e.name} expands to more than it declares (${e.size} bytes): not a genuine workbook`, `工作簿部件 ${e.name} 解压后大于其声明的大小`);
        }
        throw notZip(`the part ${e.name} does not inflate: ${(err as Error).message}`, `部件 ${e.name} 无法解压：${(err as Error).message}`);
      }
    } else {
      throw notZip(`the part ${e.name} uses compression method ${e.method}`, `部件 ${e.name} 使用了不支持的压缩方法 ${e.method}`);
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) {
      const xml = out.toString('utf8');
      const rows = count(xml, '<row');
      if (rows > LIMITS.mselRows + 1) throw new ApiError(413, 'too-large', `MSEL 最多 ${LIMITS.mselRows} 行`, `a MSEL has at most ${LIMITS.mselRows} rows`, [{ row: LIMITS.mselRows + 2, column: '', message: { zh: `工作表 ${e.name} 有 ${rows} 行，表头之后最多 ${LIMITS.mselRows} 行`, en: `the worksheet ${e.name} has ${rows} rows; at most ${LIMITS.mselRows} after the header` } }]);
      const cells = count(xml, '<c ') + count(xml, '<c>');
      if (cells > MAX_CELLS) throw tooBig(`the worksheet ${e.name} has ${cells} cells; at most ${MAX_CELLS}`, `工作表 ${e.name} 有 ${cells} 个单元格，最多 ${MAX_CELLS} 个`);
    }
  }
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
