// `npm run chains [typhoon|earthquake]`: secondary-disaster frequencies over 100 seeds → docs/chains.md.
import { importBundled, root } from './bundle.mjs';

const mod = await importBundled('bench/chains.ts');
await mod.run(root, false, process.argv[2] ?? '');
