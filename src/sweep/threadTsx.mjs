// Worker-thread bootstrap that runs the sweep thread from its TypeScript source through tsx:
// the fallback when esbuild is not installed, and the baseline the sweep benchmark compares with.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
