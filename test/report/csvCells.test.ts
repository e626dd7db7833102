// CSV cells a spreadsheet would run as formulas are neutralised (OWASP: a leading "'").
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseCell } from '../../src/report/csv.ts';

describe('CSV formula cells', () => {
  it.each(['=1+1', '+1+1', '-2+3', '@SUM(A1)', '\tlead', '\rlead', '=HYPERLINK("http://x","y")'])('prefixes %j with a quote', (s) => {
    expect(neutraliseCell(s)).toBe(`'${s}`);
  });
  it.each(['-12', '+2.5', '-1e3', 'plain', '', '3=3'])('leaves %j as it is', (s) => {
    expect(neutraliseCell(s)).toBe(s);
  });
  it('quotes after neutralising', () => {
    expect(csvField('=a,"b"')).toBe(`"'=a,""b"""`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
  });
});
