#!/usr/bin/env node
// `npx modelbench <command>`: the studio's core, headless. TypeScript sources run through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
