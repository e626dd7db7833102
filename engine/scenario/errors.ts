/** A user's file with mistakes: every problem with the file name, the path of the field and what was expected. */
export interface FileIssue {
  /** Path of the field, e.g. `teams[3].owner` (empty for the whole file). */
  path: string;
  message: string;
}

export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: FileIssue[]
  ) {
    super(issues.map((i) => `${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'));
    this.name = 'InputFileError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** A reference to something the file does not define, with (the first dozen of) what it does define. */
export function unknownRef(path: string, what: string, value: string, known: Iterable<string>): FileIssue {
  const list = [...known];
  return { path, message: `unknown ${what} "${value}"; expected one of: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''}${list.length ? '' : '(none in this scenario)'}` };
}
