#!/usr/bin/env node
// `yanlian` command: runs the TypeScript CLI through tsx's loader, so it works right after
// `npm ci` with no build step. main() turns every error into a message and an exit code; the
// catch here is for a failure to start at all, which must not print a stack trace either.
import { register } from 'tsx/esm/api';

try {
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`yanlian: internal error 内部错误: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  if (process.argv.includes('--debug')) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
  else process.stderr.write('  rerun with --debug to see where it happened 加 --debug 重新运行可查看出错位置\n');
  process.exitCode = 1;
}
